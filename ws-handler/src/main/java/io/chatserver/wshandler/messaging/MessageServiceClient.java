package io.chatserver.wshandler.messaging;

import io.chatserver.platform.http.InternalWebClients;
import io.chatserver.platform.http.PassedOnProblems;
import io.chatserver.protocol.internal.v1.AckRequest;
import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.internal.v1.AckResult;
import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.internal.v1.TypingRequest;
import io.chatserver.protocol.internal.v1.ViewedRequest;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.wshandler.connection.DeviceKey;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** message-service's internal API, protobuf both ways (chat/internal/v1/messaging.proto). */
@Component
public final class MessageServiceClient {

    private static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

    private final WebClient http;
    private final MessagingProperties properties;

    MessageServiceClient(MessagingProperties properties) {
        this.http = InternalWebClients.builder("message-service").baseUrl(properties.messageServiceUrl().toString()).build();
        this.properties = properties;
    }

    Mono<MessageSent> send(SendRequest request) {
        return call(http.post().uri("/internal/v1/messages").contentType(PROTOBUF).accept(PROTOBUF)
                .bodyValue(request).retrieve()
                .onStatus(status -> status.isError(), MessageServiceClient::refusal)
                .bodyToMono(MessageSent.class));
    }

    public Mono<Void> markRead(ReadRequest request) {
        return call(http.post().uri("/internal/v1/reads").contentType(PROTOBUF)
                .bodyValue(request).retrieve()
                .onStatus(status -> status.isError(), MessageServiceClient::refusal)
                .toBodilessEntity().then());
    }

    public Mono<Void> markViewed(ViewedRequest request) {
        return call(http.post().uri("/internal/v1/views").contentType(PROTOBUF)
                .bodyValue(request).retrieve()
                .onStatus(status -> status.isError(), MessageServiceClient::refusal)
                .toBodilessEntity().then());
    }

    public Mono<Void> typing(TypingRequest request) {
        return call(http.post().uri("/internal/v1/typing").contentType(PROTOBUF)
                .bodyValue(request).retrieve()
                .onStatus(status -> status.isError(), MessageServiceClient::refusal)
                .toBodilessEntity().then());
    }

    /** Oldest first, after the given entry id (from the start of the inbox when null). */
    public Mono<InboxPage> page(DeviceKey device, String after, int limit) {
        return call(http.get().uri(uri -> uri.path("/internal/v1/inboxes/{userId}/{deviceId}")
                        .queryParamIfPresent("after", Optional.ofNullable(after))
                        .queryParam("limit", limit)
                        .build(device.userId(), device.deviceId()))
                .accept(PROTOBUF).retrieve()
                .onStatus(status -> status.isError(), MessageServiceClient::refusal)
                .bodyToMono(InboxPage.class))
                // An empty page encodes to zero bytes, which decodes to no value at all.
                .defaultIfEmpty(InboxPage.getDefaultInstance());
    }

    public Mono<AckResult> acknowledge(DeviceKey device, Collection<String> ids) {
        return acknowledge(device, ids, List.of());
    }

    /** described: what this handler sent under some of the ids, so message-service need not read them. */
    public Mono<AckResult> acknowledge(DeviceKey device, Collection<String> ids, List<AckedEntry> described) {
        return call(http.post().uri("/internal/v1/inboxes/{userId}/{deviceId}/acks", device.userId(), device.deviceId())
                .contentType(PROTOBUF).accept(PROTOBUF)
                .bodyValue(AckRequest.newBuilder().addAllIds(ids).addAllEntries(described).build()).retrieve()
                .onStatus(status -> status.isError(), MessageServiceClient::refusal)
                .bodyToMono(AckResult.class));
    }

    private <T> Mono<T> call(Mono<T> call) {
        return call.timeout(properties.callTimeout())
                .onErrorMap(e -> !(e instanceof MessageServiceException),
                        e -> new MessageServiceException(ErrorCode.MESSAGE_STORE_UNAVAILABLE,
                                "message-service: " + e.getClass().getSimpleName()));
    }

    /** A problem with a known code is passed on to the client as it is; anything else is retryable. */
    private static Mono<Throwable> refusal(ClientResponse response) {
        return PassedOnProblems.refusal(response, "message-service", ErrorCode.MESSAGE_STORE_UNAVAILABLE,
                MessageServiceException::new);
    }
}
