package io.chatserver.userservice.registration;

import io.chatserver.platform.devices.DeviceListVersions;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.DeviceGenerations;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.userservice.account.AccountStore;
import io.chatserver.userservice.account.DeviceSecrets;
import io.chatserver.userservice.token.IssuedToken;
import io.chatserver.userservice.token.TokenIssuer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates many ready accounts at once for load tests: what a verified registration leaves behind
 * (account, primary device, its generation and device list in Redis) plus an access token, without
 * the SMS round trips. Exists only with {@code chat.registration.seeding-enabled=true}.
 */
final class AccountSeeder {

    /** Redis calls in flight per request. */
    private static final int CONCURRENCY = 32;

    private final PhoneNumbers phoneNumbers;
    private final AccountStore accounts;
    private final DeviceSecrets secrets;
    private final DeviceGenerations generations;
    private final DeviceListVersions deviceLists;
    private final TokenIssuer tokens;

    AccountSeeder(PhoneNumbers phoneNumbers, AccountStore accounts, DeviceSecrets secrets,
            DeviceGenerations generations, DeviceListVersions deviceLists, TokenIssuer tokens) {
        this.phoneNumbers = phoneNumbers;
        this.accounts = accounts;
        this.secrets = secrets;
        this.generations = generations;
        this.deviceLists = deviceLists;
        this.tokens = tokens;
    }

    Mono<SeedResponse> seed(SeedRequest request) {
        return Mono.fromCallable(() -> validated(request.phoneNumbers())).flatMap(numbers -> {
            Map<String, String> secretByNumber = new LinkedHashMap<>();
            Map<String, byte[]> hashByNumber = new LinkedHashMap<>();
            numbers.forEach(number -> {
                String secret = secrets.generate();
                secretByNumber.put(number, secret);
                hashByNumber.put(number, secrets.hash(secret));
            });
            return accounts.createAccounts(hashByNumber).flatMap(created -> Flux.fromIterable(created.values())
                    .flatMap(this::ready, CONCURRENCY)
                    // RS256 signatures are CPU work: off the event loop, so other requests are not held up.
                    .then(Mono.fromCallable(() -> created.entrySet().stream()
                            .map(entry -> user(entry.getKey(), entry.getValue(), secretByNumber.get(entry.getKey())))
                            .toList()).subscribeOn(Schedulers.boundedElastic()))
                    .map(users -> new SeedResponse(users,
                            numbers.stream().filter(number -> !created.containsKey(number)).toList())));
        });
    }

    /** The Redis state a verification leaves: the device's generation and a new device-list version. */
    private Mono<Void> ready(UUID userId) {
        return generations.raiseTo(userId, AccountStore.PRIMARY_DEVICE, 1).then(deviceLists.changed(userId)).then();
    }

    private SeedResponse.SeededUser user(String number, UUID userId, String secret) {
        IssuedToken token = tokens.issue(userId, AccountStore.PRIMARY_DEVICE, 1);
        return new SeedResponse.SeededUser(number, userId.toString(), AccountStore.PRIMARY_DEVICE, secret,
                token.value(), token.ttl().toSeconds());
    }

    /** E.164 of every number, or 1301 / 1002 naming the first bad one; nothing is written then. */
    private List<String> validated(List<String> input) {
        Set<String> numbers = new LinkedHashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String e164;
            try {
                e164 = phoneNumbers.toE164(input.get(i), null);
            } catch (ChatException e) {
                throw new ChatException(ErrorCode.REGISTRATION_INVALID_PHONE_NUMBER,
                        "phoneNumbers[" + i + "]" + e.getMessage().substring("phoneNumber".length()));
            }
            if (!numbers.add(e164)) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED, "phoneNumbers[" + i + "]: " + e164 + " is repeated");
            }
        }
        return List.copyOf(numbers);
    }
}
