package io.chatserver.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person types (profile names, group subjects and descriptions): after trimming, between
 * {@code min} and {@code max} code points (an emoji counts once), without control characters. Null
 * is left to {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainTextValidator.class)
public @interface PlainText {

    int min() default 0;

    int max();

    /** Whether line breaks ({@code \n}) are allowed, as in a group description; other controls never are. */
    boolean lineBreaks() default false;

    String message() default "must be {min} to {max} characters without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
