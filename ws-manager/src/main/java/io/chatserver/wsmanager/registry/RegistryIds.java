package io.chatserver.wsmanager.registry;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The shapes of ids the registry accepts. Handler and session ids end up in Redis keys and members
 * (with '|' as separator), so they are restricted to a safe alphabet.
 */
public final class RegistryIds {

    public static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final int MIN_DEVICE_ID = 1;
    public static final int MAX_DEVICE_ID = 64;

    private static final Pattern UUID_SHAPE = Pattern.compile(UUID_PATTERN);
    private static final Pattern ID_SHAPE = Pattern.compile(ID_PATTERN);

    private RegistryIds() {
    }

    public static UUID userId(String value) {
        if (value == null || !UUID_SHAPE.matcher(value).matches()) {
            throw invalid("userId must be a UUID");
        }
        return UUID.fromString(value);
    }

    public static int deviceId(String value) {
        try {
            return deviceId(value == null ? null : Integer.valueOf(value));
        } catch (NumberFormatException e) {
            throw invalid("deviceId must be a number from " + MIN_DEVICE_ID + " to " + MAX_DEVICE_ID);
        }
    }

    public static int deviceId(Integer value) {
        if (value == null || value < MIN_DEVICE_ID || value > MAX_DEVICE_ID) {
            throw invalid("deviceId must be a number from " + MIN_DEVICE_ID + " to " + MAX_DEVICE_ID);
        }
        return value;
    }

    public static String handlerId(String value) {
        return id("handlerId", value);
    }

    public static String sessionId(String value) {
        return id("sessionId", value);
    }

    private static String id(String name, String value) {
        if (value == null || !ID_SHAPE.matcher(value).matches()) {
            throw invalid(name + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static ChatException invalid(String detail) {
        return new ChatException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
