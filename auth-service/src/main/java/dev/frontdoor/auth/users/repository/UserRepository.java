package dev.frontdoor.auth.users.repository;

import dev.frontdoor.auth.users.model.User;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** {@code email} must already be normalised. */
    public Optional<User> findByEmail(String email) {
        return find("lower(email) = ?1", email).firstResultOptional();
    }

    public boolean emailTaken(String email) {
        return count("lower(email) = ?1", email) > 0;
    }

    public List<User> page(int page, int size) {
        return findAll(Sort.ascending("createdAt")).page(page, size).list();
    }
}
