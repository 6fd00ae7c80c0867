package io.chatserver.messageservice.directory;

import io.chatserver.platform.http.InternalWebClients;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.platform.devices.DeviceListVersions;
import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which devices users have, from user-service, kept in memory. A kept list is used only while its
 * version tag in Redis is still the one it was read with (one MGET per send for all the users
 * asked about), so a device linked a second ago never misses the next message. Without Redis, or
 * without a tag, the list is asked for again.
 */
@Component
public final class DeviceDirectory {

    private static final Duration TAG_TIMEOUT = Duration.ofMillis(500);

    private final WebClient http;
    private final MessagingProperties properties;
    private final DeviceListVersions versions;
    private final Cache<UUID, KeptList> kept;
    private final Counter hits;
    private final Counter misses;

    DeviceDirectory(MessagingProperties properties, DeviceListVersions versions, MeterRegistry meters) {
        this.http = InternalWebClients.builder("user-service").baseUrl(properties.userServiceUrl().toString()).build();
        this.properties = properties;
        this.versions = versions;
        this.kept = Caffeine.newBuilder().maximumSize(properties.deviceListCacheSize())
                .expireAfterWrite(properties.deviceListMaxAge()).build();
        this.hits = meters.counter("chat.device-lists", "result", "kept");
        this.misses = meters.counter("chat.device-lists", "result", "asked");
    }

    /**
     * Each user's device ids, ascending; a user that does not exist is left out of the map. Fails
     * with the retryable 2004 when user-service cannot answer.
     */
    public Mono<Map<UUID, List<Integer>>> devices(List<UUID> userIds) {
        return devices(userIds, TAG_TIMEOUT);
    }

    /**
     * As above, waiting up to {@code tagTimeout} for the tags: the group fan-out, which nobody waits
     * for, gives a loaded Redis longer rather than asking user-service for hundreds of users at once.
     */
    public Mono<Map<UUID, List<Integer>>> devices(List<UUID> userIds, Duration tagTimeout) {
        List<UUID> users = userIds.stream().distinct().toList();
        return versions.current(users)
                .timeout(tagTimeout) // a hanging Redis must not cost the send: ask user-service instead
                .onErrorReturn(Collections.nCopies(users.size(), Optional.empty()))
                .flatMapMany(tags -> Flux.range(0, users.size())
                        .flatMap(i -> lookup(users.get(i), tags.get(i)).map(ids -> Map.entry(users.get(i), ids))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<List<Integer>> lookup(UUID userId, Optional<String> tag) {
        KeptList list = kept.getIfPresent(userId);
        if (list != null && tag.isPresent() && tag.get().equals(list.version())) {
            hits.increment();
            return Mono.just(list.deviceIds());
        }
        misses.increment();
        return ask(userId).doOnNext(answer -> {
            if (answer.version() != null) {
                kept.put(userId, new KeptList(answer.version(), answer.deviceIds()));
            }
        }).map(UserDevices::deviceIds);
    }

    private Mono<UserDevices> ask(UUID userId) {
        return http.get().uri("/internal/v1/users/{userId}/devices", userId)
                .retrieve().bodyToMono(UserDevices.class)
                .timeout(properties.callTimeout())
                .onErrorResume(WebClientResponseException.class,
                        e -> e.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.empty() : Mono.error(e))
                .onErrorMap(e -> !(e instanceof ChatException), e -> new ChatException(
                        ErrorCode.MESSAGE_STORE_UNAVAILABLE, "user directory unavailable: " + e));
    }

    private record KeptList(String version, List<Integer> deviceIds) {
    }

    record UserDevices(String userId, List<Integer> deviceIds, String version) {
    }
}
