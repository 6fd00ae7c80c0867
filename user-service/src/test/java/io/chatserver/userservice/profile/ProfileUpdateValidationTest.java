package io.chatserver.userservice.profile;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileUpdateValidationTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    /** One code point, two UTF-16 chars. */
    private static final String EMOJI = "\uD83D\uDE00";

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void limitsCountCodePointsNotUtf16Units() {
        assertThat(fields(new ProfileUpdate(EMOJI.repeat(64), EMOJI.repeat(140)))).isEmpty();
        assertThat(fields(new ProfileUpdate(EMOJI.repeat(65), ""))).containsExactly("displayName");
        assertThat(fields(new ProfileUpdate("Ann", EMOJI.repeat(141)))).containsExactly("about");
    }

    @Test
    void lengthIsCountedAfterTrimming() {
        assertThat(fields(new ProfileUpdate("  " + "a".repeat(64) + "  ", null))).isEmpty();
        assertThat(fields(new ProfileUpdate("   ", null))).containsExactly("displayName");
        assertThat(fields(new ProfileUpdate("", null))).containsExactly("displayName");
        assertThat(new ProfileUpdate("  Ann  ", "  hi ").trimmedDisplayName()).isEqualTo("Ann");
        assertThat(new ProfileUpdate("Ann", "  hi ").trimmedAbout()).isEqualTo("hi");
        assertThat(new ProfileUpdate("Ann", null).trimmedAbout()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\nBob", "Ann\u0000", "A\u0007nn", "Ann\u001b[31m", "Ann\u007f", "Ann\u0085x", "Ann\uD800x"})
    void controlCharactersAndBrokenTextAreRefused(String name) {
        assertThat(fields(new ProfileUpdate(name, null))).containsExactly("displayName");
        assertThat(fields(new ProfileUpdate("Ann", name))).containsExactly("about");
    }

    @Test
    void displayNameIsRequiredAboutIsNot() {
        assertThat(fields(new ProfileUpdate(null, "x"))).containsExactly("displayName");
        assertThat(fields(new ProfileUpdate("Ann", null))).isEmpty();
    }

    @Test
    void anythingElseIsAcceptedVerbatim() {
        assertThat(fields(new ProfileUpdate("Robert'); DROP TABLE users;--", "<script>alert(1)</script> ünïcødé 👩‍👩‍👧"))).isEmpty();
    }

    private static Set<String> fields(ProfileUpdate update) {
        Set<ConstraintViolation<ProfileUpdate>> violations = VALIDATOR.validate(update);
        return violations.stream().map(v -> v.getPropertyPath().toString())
                .collect(Collectors.toSet());
    }
}
