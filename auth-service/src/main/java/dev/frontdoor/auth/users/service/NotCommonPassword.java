package dev.frontdoor.auth.users.service;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.inject.Inject;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The password is not among the most common ones. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotCommonPassword.Validator.class)
public @interface NotCommonPassword {

    String message() default "Not be a commonly used password.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotCommonPassword, String> {

        @Inject
        CommonPasswords common;

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !common.contains(value);
        }
    }
}
