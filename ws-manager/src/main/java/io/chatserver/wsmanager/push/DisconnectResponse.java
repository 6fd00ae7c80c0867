package io.chatserver.wsmanager.push;

/** How many connected sessions were told to close. */
record DisconnectResponse(long closed) {
}
