package io.chatserver.wsmanager.sessions;

/**
 * @param known whether the registry held the lease before this renewal; when it did not (first
 *              renewal, expired and reaped, Redis lost it) the handler sends its sessions at once
 */
record LeaseResponse(boolean known) {
}
