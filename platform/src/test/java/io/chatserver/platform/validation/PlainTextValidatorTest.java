package io.chatserver.platform.validation;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextValidatorTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Subject(@PlainText(min = 1, max = 5) String text) {
    }

    record Description(@PlainText(max = 5, lineBreaks = true) String text) {
    }

    @Test
    void countsCodePointsAfterTrimming() {
        assertThat(valid(new Subject("  abcde  "))).isTrue();
        assertThat(valid(new Subject("abcdef"))).isFalse();
        assertThat(valid(new Subject("😀😀😀😀😀"))).as("five emoji, ten chars").isTrue();
        assertThat(valid(new Subject("   "))).as("blank is empty after trimming").isFalse();
        assertThat(valid(new Subject(null))).as("null is left to @NotNull").isTrue();
    }

    @Test
    void lineBreaksOnlyWhereAllowedAndOtherControlsNever() {
        assertThat(valid(new Subject("a\nb"))).isFalse();
        assertThat(valid(new Description("a\nb"))).isTrue();
        assertThat(valid(new Description("a\tb"))).isFalse();
        assertThat(valid(new Description("a\rb"))).isFalse();
        assertThat(valid(new Description("a\u0000b"))).isFalse();
        assertThat(valid(new Description("a\uD800b"))).as("a lone surrogate").isFalse();
    }

    private static boolean valid(Object value) {
        return VALIDATOR.validate(value).isEmpty();
    }
}
