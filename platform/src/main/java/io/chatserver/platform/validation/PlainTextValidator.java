package io.chatserver.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link PlainText}; the text is otherwise kept exactly as sent (after trimming). Public
 * because Hibernate Validator instantiates it reflectively when used outside Spring.
 */
public final class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    private int min;
    private int max;
    private boolean lineBreaks;

    @Override
    public void initialize(PlainText annotation) {
        this.min = annotation.min();
        this.max = annotation.max();
        this.lineBreaks = annotation.lineBreaks();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String text = normalise(value);
        int length = text.codePointCount(0, text.length());
        return length >= min && length <= max && text.codePoints().noneMatch(this::forbidden);
    }

    /** What is stored: surrounding whitespace removed, nothing else changed. */
    public static String normalise(String value) {
        return value.strip();
    }

    /** Control characters (newlines, NUL, escapes) and lone surrogate halves, which are no text. */
    private boolean forbidden(int codePoint) {
        if (codePoint == '\n' && lineBreaks) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.SURROGATE;
    }
}
