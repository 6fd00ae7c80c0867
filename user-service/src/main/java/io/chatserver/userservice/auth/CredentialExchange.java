package io.chatserver.userservice.auth;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.DeviceGenerations;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.userservice.account.AccountStore;
import io.chatserver.userservice.account.DeviceCredential;
import io.chatserver.userservice.account.DeviceSecrets;
import io.chatserver.userservice.token.TokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Trades a device secret for an access token; too many wrong secrets lock the device out for a while. */
final class CredentialExchange {

    static final String TOKEN_TYPE = "Bearer";
    /** Stands in for an unknown device, so its answer costs the same comparison as a wrong secret. */
    private static final DeviceCredential UNKNOWN = new DeviceCredential(new UUID(0, 0), 0, new byte[32], 0);

    private final AccountStore accounts;
    private final DeviceSecrets secrets;
    private final DeviceGenerations generations;
    private final CredentialFailures failures;
    private final TokenIssuer issuer;
    private final MeterRegistry meters;

    CredentialExchange(AccountStore accounts, DeviceSecrets secrets, DeviceGenerations generations,
            CredentialFailures failures, TokenIssuer issuer, MeterRegistry meters) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.generations = generations;
        this.failures = failures;
        this.issuer = issuer;
        this.meters = meters;
    }

    Mono<TokenResponse> exchange(TokenRequest request) {
        int deviceId = request.deviceId();
        return failures.blocked(request.userId(), deviceId).flatMap(blocked -> {
            if (blocked) {
                count("rate_limited");
                return Mono.error(new ChatException(ErrorCode.RATE_LIMITED, "too many wrong secrets for this device; try later"));
            }
            return accounts.findDevice(request.userId(), deviceId)
                    .defaultIfEmpty(UNKNOWN)
                    .filter(credential -> secrets.matches(request.deviceSecret(), credential.secretHash())
                            && credential != UNKNOWN)
                    .flatMap(this::issue)
                    .switchIfEmpty(Mono.defer(() -> refuse(request)));
        });
    }

    private Mono<TokenResponse> issue(DeviceCredential credential) {
        // Redis may have been flushed: make sure it holds the generation, or revoked tokens would pass.
        return generations.raiseTo(credential.userId(), credential.deviceId(), credential.generation())
                .then(failures.clear(credential.userId(), credential.deviceId()))
                .then(Mono.fromSupplier(() -> issuer.issue(credential.userId(), credential.deviceId(), credential.generation())))
                .doOnNext(token -> count("issued"))
                .map(token -> new TokenResponse(token.value(), TOKEN_TYPE, token.ttl().toSeconds()));
    }

    private Mono<TokenResponse> refuse(TokenRequest request) {
        count("bad_credentials");
        return failures.record(request.userId(), request.deviceId())
                .then(Mono.error(new ChatException(ErrorCode.AUTH_BAD_CREDENTIALS, null)));
    }

    private void count(String outcome) {
        meters.counter(AuthMetrics.TOKEN_REQUESTS, AuthMetrics.OUTCOME, outcome).increment();
    }
}
