package dev.frontdoor.auth.users.rest;

import dev.frontdoor.auth.users.model.User;
import java.util.UUID;

/**
 * What a client may see of a user: never the email of others, the password hash or internal columns; whether the
 * address has been confirmed.
 */
public record UserView(UUID id, String name, String role, boolean emailVerified) {

    public static UserView of(User user) {
        return new UserView(user.id, user.name, user.role, user.emailVerifiedAt != null);
    }
}
