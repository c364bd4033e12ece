package dev.frontdoor.auth.users.rest;

import dev.frontdoor.auth.users.model.User;
import java.util.UUID;

/** What a client may see of a user: never the email of others, the password hash or internal columns. */
public record UserView(UUID id, String name, String role) {

    public static UserView of(User user) {
        return new UserView(user.id, user.name, user.role);
    }
}
