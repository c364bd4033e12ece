package dev.frontdoor.auth.users.service;

import dev.frontdoor.auth.sessions.service.IssuedToken;
import dev.frontdoor.auth.users.model.User;

/** A user who has just signed up or logged in, and the token of the new session. */
public record SignedIn(User user, IssuedToken token) {
}
