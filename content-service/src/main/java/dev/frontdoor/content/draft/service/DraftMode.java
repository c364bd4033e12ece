package dev.frontdoor.content.draft.service;

import dev.frontdoor.content.config.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Next.js's draft mode: a preview link with the secret turns it on for one browser (a cookie, as Next.js names it,
 * {@code __prerender_bypass}); with it, pages skip the route cache, show drafts to their authors and admins, and are
 * never stored. The cookie's value is an HMAC of the secret, so it cannot be made without the secret, and changing
 * the secret ends every draft session.
 */
@ApplicationScoped
public class DraftMode {

    public static final String COOKIE = "__prerender_bypass";

    private final Optional<String> secret;
    private final Optional<String> cookieValue;
    private final boolean secure;

    public DraftMode(ContentConfig config) {
        this.secret = config.draftSecret().filter(s -> !s.isBlank());
        this.cookieValue = secret.map(DraftMode::hmac);
        this.secure = config.siteUrl().startsWith("https:");
    }

    /** Whether {@code candidate} is the secret (in constant time); always false when none is configured. */
    public boolean isSecret(String candidate) {
        return secret.isPresent() && candidate != null && MessageDigest.isEqual(
                secret.get().getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this request is in draft mode. */
    public boolean enabled(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(COOKIE);
        return cookie != null && cookieValue.isPresent() && MessageDigest.isEqual(
                cookieValue.get().getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** The Set-Cookie that turns draft mode on: HttpOnly; {@code SameSite=None; Secure} over https, as Next.js sets it. */
    public String enableCookie() {
        return cookie(cookieValue.orElseThrow(), -1);
    }

    public String disableCookie() {
        return cookie("", 0);
    }

    private String cookie(String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/" + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + "; HttpOnly"
                + (secure ? "; SameSite=None; Secure" : "; SameSite=Lax");
    }

    private static String hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("frontdoor draft mode".getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
