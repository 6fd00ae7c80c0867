package io.chatserver.userservice.registration;

/** Metric names of the registration feature; tags are small fixed sets. */
final class RegistrationMetrics {

    /** Code requests, tag {@code outcome}: sent, resend_too_soon, number_limited, ip_limited. */
    static final String CODE_REQUESTS = "chat.registration.code.requests";
    /** Code submissions, tag {@code outcome}: new_account, re_registered, wrong, burnt, expired. */
    static final String VERIFICATIONS = "chat.registration.verifications";
    /** Failed best-effort calls asking ws-manager to close a replaced device's connections. */
    static final String DISCONNECT_FAILURES = "chat.registration.disconnect.failures";

    static final String OUTCOME = "outcome";

    private RegistrationMetrics() {
    }
}
