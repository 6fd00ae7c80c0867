package io.chatserver.userservice.registration;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    private final PhoneNumbers phoneNumbers = new PhoneNumbers();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "+49 151 23456789      | null | +4915123456789",
            "+4915123456789        | null | +4915123456789",
            "  +49 (151) 234-56789 | null | +4915123456789",
            "0151 23456789         | DE   | +4915123456789",
            "0151 23456789         | de   | +4915123456789",
            "+1 650-253-0000       | null | +16502530000",
            "(650) 253-0000        | US   | +16502530000",
            "+44 7400 123456       | null | +447400123456",
            "07400 123456          | GB   | +447400123456",
            "+55 11 91234-5678     | null | +5511912345678",
            "+91 98765 43210       | null | +919876543210",
            "+81 90-1234-5678      | null | +819012345678",
            "+44 7400 123456       | DE   | +447400123456"})
    void normalisesToE164(String input, String region, String expected) {
        assertThat(phoneNumbers.toE164(input, region)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "hello",
            "+49 151 CALLME",
            "1-800-FLOWERS",
            "+49 151 2345678901234567890123456789",
            "+4915123456789'; DROP TABLE users;--",
            "+49 12",
            "+999 1234567",
            "0151 23456789",
            "++4915123456789",
            "+49\n15123456789"})
    void refusesWhatIsNoPhoneNumber(String input) {
        assertThatThrownBy(() -> phoneNumbers.toE164(input, null))
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRATION_INVALID_PHONE_NUMBER));
    }

    @Test
    void refusesNationalNumberWithUnknownRegion() {
        assertThatThrownBy(() -> phoneNumbers.toE164("0151 23456789", "XX"))
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRATION_INVALID_PHONE_NUMBER));
    }

    @Test
    void refusesInputLongerThanTheLimitEvenIfMadeOfSpaces() {
        String padded = "+4915123456789" + " ".repeat(PhoneNumbers.MAX_INPUT_LENGTH) + "1";
        assertThatThrownBy(() -> phoneNumbers.toE164(padded, null)).isInstanceOf(ChatException.class);
    }
}
