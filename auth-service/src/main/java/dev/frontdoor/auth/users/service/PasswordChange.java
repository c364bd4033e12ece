package dev.frontdoor.auth.users.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new password must follow the same rules as at signup. */
public record PasswordChange(
        String currentPassword,

        @NotBlank(message = "Be at least 8 characters long")
        @Size(min = 8, message = "Be at least 8 characters long")
        @Size(max = 128, message = "Be at most 128 characters long.")
        @Pattern(regexp = "(?s).*[a-zA-Z].*", message = "Contain at least one letter.")
        @Pattern(regexp = "(?s).*[0-9].*", message = "Contain at least one number.")
        @Pattern(regexp = "(?s).*[^a-zA-Z0-9].*", message = "Contain at least one special character.")
        @NotCommonPassword
        String newPassword) {
}
