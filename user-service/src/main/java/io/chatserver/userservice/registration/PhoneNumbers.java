package io.chatserver.userservice.registration;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.regex.Pattern;

/** Turns what a user typed into E.164 ({@code +4915123456789}), or refuses it with 1301. */
@Component
final class PhoneNumbers {

    /** Generous for spaces and punctuation; E.164 itself has at most 16 characters. */
    static final int MAX_INPUT_LENGTH = 32;
    /** Digits and the usual separators only: libphonenumber would read letters as vanity numbers. */
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ()./-]+");
    private static final String UNKNOWN_REGION = "ZZ";

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * libphonenumber reads each country's metadata from its jar on first use; load it all now, at
     * startup, so no request reads files on a Netty event loop.
     */
    PhoneNumbers() {
        // Both calls load the metadata they need; their answers do not matter here.
        util.getSupportedRegions().forEach(util::getCountryCodeForRegion);
        util.getSupportedGlobalNetworkCallingCodes().forEach(util::getExampleNumberForNonGeoEntity);
    }

    /**
     * @param input  what the user typed, with {@code +} and country code, or national with {@code region}
     * @param region ISO 3166 country for numbers without {@code +}; may be null
     */
    String toE164(String input, String region) {
        String text = input == null ? "" : input.strip();
        if (text.isEmpty() || text.length() > MAX_INPUT_LENGTH || !PHONE_CHARACTERS.matcher(text).matches()) {
            throw invalid("expected digits with a leading + and country code, at most " + MAX_INPUT_LENGTH + " characters");
        }
        String country = region == null || region.isBlank() ? UNKNOWN_REGION : region.strip().toUpperCase(Locale.ROOT);
        try {
            var number = util.parse(text, country);
            if (!util.isValidNumber(number)) {
                throw invalid("not a valid number for its country");
            }
            return util.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw invalid(country.equals(UNKNOWN_REGION)
                    ? "start with + and the country code, or give the region" : "cannot be read as a number of " + country);
        }
    }

    private static ChatException invalid(String detail) {
        return new ChatException(ErrorCode.REGISTRATION_INVALID_PHONE_NUMBER, "phoneNumber: " + detail);
    }
}
