package io.chatserver.loadtest.users;

/** A registered user of a run: its primary device and a fresh access token. */
public record LoadUser(String userId, int deviceId, String accessToken) {
}
