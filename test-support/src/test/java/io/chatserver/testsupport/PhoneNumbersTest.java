package io.chatserver.testsupport;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @Test
    void numbersAreGermanMobilesInE164AndRarelyRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String number = PhoneNumbers.randomMobile();
            assertThat(number).matches("\\+49151\\d{8}");
            seen.add(number);
        }
        assertThat(seen).hasSizeGreaterThan(990);
    }
}
