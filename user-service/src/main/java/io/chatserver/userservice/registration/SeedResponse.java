package io.chatserver.userservice.registration;

import java.util.List;

/**
 * What seeding created: ready devices with an access token each, and the numbers that already had
 * an account (left as they were).
 */
record SeedResponse(List<SeededUser> users, List<String> alreadyRegistered) {

    record SeededUser(String phoneNumber, String userId, int deviceId, String deviceSecret, String accessToken,
            long expiresInSeconds) {
    }
}
