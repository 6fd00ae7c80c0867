package io.chatserver.userservice.profile;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link ProfileText}; the text is otherwise kept exactly as sent (after trimming). Public
 * because Hibernate Validator instantiates it reflectively when used outside Spring.
 */
public final class ProfileTextValidator implements ConstraintValidator<ProfileText, String> {

    private int min;
    private int max;

    @Override
    public void initialize(ProfileText annotation) {
        this.min = annotation.min();
        this.max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String text = normalise(value);
        int length = text.codePointCount(0, text.length());
        return length >= min && length <= max && text.codePoints().noneMatch(ProfileTextValidator::forbidden);
    }

    /** What is stored: surrounding whitespace removed, nothing else changed. */
    static String normalise(String value) {
        return value.strip();
    }

    /** Control characters (newlines, NUL, escapes) and lone surrogate halves, which are no text. */
    private static boolean forbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.SURROGATE;
    }
}
