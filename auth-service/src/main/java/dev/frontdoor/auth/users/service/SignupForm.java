package dev.frontdoor.auth.users.service;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * Signup input, with the rules and messages of the Next.js authentication guide, plus a length cap and the
 * common-password check. Build it with {@link #normalized} so the rules see the trimmed name and email.
 */
public record SignupForm(
        @NotBlank(message = "Name must be at least 2 characters long.")
        @Size(min = 2, message = "Name must be at least 2 characters long.")
        @Size(max = 100, message = "Name must be at most 100 characters long.")
        String name,

        @NotBlank(message = "Please enter a valid email.")
        @Email(regexp = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+", message = "Please enter a valid email.")
        @Size(max = 254, message = "Please enter a valid email.")
        String email,

        @NotBlank(message = "Be at least 8 characters long")
        @Size(min = 8, message = "Be at least 8 characters long")
        @Size(max = 128, message = "Be at most 128 characters long.")
        @Pattern(regexp = "(?s).*[a-zA-Z].*", message = "Contain at least one letter.")
        @Pattern(regexp = "(?s).*[0-9].*", message = "Contain at least one number.")
        @Pattern(regexp = "(?s).*[^a-zA-Z0-9].*", message = "Contain at least one special character.")
        @NotCommonPassword
        String password) {

    /** Name trimmed; email trimmed and lower-cased (addresses are unique whatever their case). Password as typed. */
    public static SignupForm normalized(String name, String email, String password) {
        return new SignupForm(name == null ? null : name.strip(),
                email == null ? null : email.strip().toLowerCase(Locale.ROOT), password);
    }
}
