package io.chatserver.wsmanager.registry;

/** Handlers with a live lease and the sessions they hold, across the cluster. */
record RegistryStats(long liveHandlers, long sessions) {
}
