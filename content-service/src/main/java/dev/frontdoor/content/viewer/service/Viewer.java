package dev.frontdoor.content.viewer.service;

import java.util.UUID;

/** Who is asking, as auth-service vouched for it: the only identity the content service trusts. */
public record Viewer(UUID userId, String role) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    /** Authors edit their own posts; admins edit all. */
    public boolean mayEdit(UUID authorId) {
        return isAdmin() || userId.equals(authorId);
    }
}
