package io.chatserver.messageservice;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.protocol.internal.v1.AckRequest;
import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.internal.v1.AckResult;
import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.internal.v1.ViewedRequest;
import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * message-service's internal API as ws-handler calls it: protobuf bodies, {@code Accept:
 * application/x-protobuf} only, problems answered as JSON.
 */
final class InternalApi {

    static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One response, undecoded. */
    record Reply(int status, MediaType contentType, byte[] body) {

        <T> T decode(Parser<T> parser) {
            assertThat(status).as("status of a success; problem: %s", new String(body)).isEqualTo(200);
            assertThat(contentType).isNotNull();
            assertThat(contentType.isCompatibleWith(PROTOBUF)).as("content type %s", contentType).isTrue();
            try {
                return parser.parse(body);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not a protobuf body", e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> problem() {
            assertThat(contentType).as("problem content type").isNotNull();
            assertThat(contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("content type %s of %s", contentType, new String(body)).isTrue();
            return JSON.readValue(body, Map.class);
        }

        /** Asserts an RFC 9457 problem with this status and numeric code. */
        Reply isProblem(int expectedStatus, int expectedCode) {
            assertThat(status).as("status; body %s", new String(body)).isEqualTo(expectedStatus);
            Map<String, Object> problem = problem();
            assertThat(problem.get("code")).as("code of %s", problem).isEqualTo(expectedCode);
            assertThat(problem.get("status")).isEqualTo(expectedStatus);
            return this;
        }
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    private final WebClient http;

    InternalApi(int port) {
        this.http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    // --- send ---

    Mono<Reply> sendAsync(SendRequest request) {
        return exchange(HttpMethod.POST, uri -> uri.path("/internal/v1/messages").build(), request.toByteArray());
    }

    Reply send(SendRequest request) {
        return sendAsync(request).block(TIMEOUT);
    }

    MessageSent sent(SendRequest request) {
        return send(request).decode(MessageSent::parseFrom);
    }

    /** A text message from the device to the user, with a fresh client message id. */
    static SendRequest text(Accounts.Device from, Accounts.Device to, String text) {
        return request(from.userId(), from.deviceId(), message(to.userId(), text));
    }

    static SendRequest request(String senderUserId, int senderDeviceId, SendMessage.Builder message) {
        return SendRequest.newBuilder().setSenderUserId(senderUserId).setSenderDeviceId(senderDeviceId)
                .setMessage(message).build();
    }

    static SendMessage.Builder message(String recipientUserId, String text) {
        return SendMessage.newBuilder()
                .setClientMessageId(UUID.randomUUID().toString())
                .setRecipientUserId(recipientUserId)
                .setContentType("text/plain")
                .setBody(ByteString.copyFromUtf8(text));
    }

    // --- inbox ---

    Reply inbox(String userId, int deviceId, String after, Integer limit) {
        return exchange(HttpMethod.GET, uri -> {
            uri.path("/internal/v1/inboxes/{userId}/{deviceId}");
            if (after != null) {
                uri.queryParam("after", after);
            }
            if (limit != null) {
                uri.queryParam("limit", limit);
            }
            return uri.build(userId, deviceId);
        }, null).block(TIMEOUT);
    }

    InboxPage page(Accounts.Device device) {
        return page(device.userId(), device.deviceId(), null, null);
    }

    InboxPage page(String userId, int deviceId, String after, Integer limit) {
        return inbox(userId, deviceId, after, limit).decode(InboxPage::parseFrom);
    }

    /** Everything in the inbox (up to the page size). */
    List<ServerFrame> frames(Accounts.Device device) {
        InboxPage page = page(device);
        assertThat(page.getMore()).as("everything on one page").isFalse();
        return page.getFramesList();
    }

    Reply ack(String userId, int deviceId, List<String> ids) {
        return exchange(HttpMethod.POST, uri -> uri.path("/internal/v1/inboxes/{userId}/{deviceId}/acks")
                .build(userId, deviceId), AckRequest.newBuilder().addAllIds(ids).build().toByteArray()).block(TIMEOUT);
    }

    /** As a handler acks: with what it sent under each id, so nothing is read back. */
    Reply ackDescribed(String userId, int deviceId, List<ServerFrame> delivered) {
        AckRequest.Builder request = AckRequest.newBuilder();
        for (ServerFrame frame : delivered) {
            if (frame.hasMessage()) {
                request.addIds(frame.getMessage().getMessageId()).addEntries(AckedEntry.newBuilder()
                        .setId(frame.getMessage().getMessageId())
                        .setConversationId(frame.getMessage().getConversationId())
                        .setSenderUserId(frame.getMessage().getSenderUserId())
                        .setSeq(frame.getMessage().getSeq()));
            } else {
                request.addIds(frame.getReceipt().getReceiptId()).addEntries(AckedEntry.newBuilder()
                        .setId(frame.getReceipt().getReceiptId()).setReceipt(true));
            }
        }
        return ack(userId, deviceId, request.build());
    }

    Reply ack(String userId, int deviceId, AckRequest request) {
        return exchange(HttpMethod.POST, uri -> uri.path("/internal/v1/inboxes/{userId}/{deviceId}/acks")
                .build(userId, deviceId), request.toByteArray()).block(TIMEOUT);
    }

    int acked(Accounts.Device device, List<String> ids) {
        return ack(device.userId(), device.deviceId(), ids).decode(AckResult::parseFrom).getRemoved();
    }

    // --- reads ---

    Reply read(ReadRequest request) {
        return exchange(HttpMethod.POST, uri -> uri.path("/internal/v1/reads").build(), request.toByteArray())
                .block(TIMEOUT);
    }

    Reply viewed(ViewedRequest request) {
        return exchange(HttpMethod.POST, uri -> uri.path("/internal/v1/views").build(), request.toByteArray())
                .block(TIMEOUT);
    }

    static ViewedRequest viewed(Accounts.Device viewer, int device, String conversation, long seq) {
        return ViewedRequest.newBuilder().setViewerUserId(viewer.userId()).setViewerDeviceId(device)
                .setConversationId(conversation).setSeq(seq).build();
    }

    /** A POST with any body, e.g. bytes that are no protobuf message. */
    Reply post(String path, byte[] body) {
        return exchange(HttpMethod.POST, uri -> uri.path(path).build(), body).block(TIMEOUT);
    }

    static String entryId(ServerFrame frame) {
        return switch (frame.getBodyCase()) {
            case MESSAGE -> frame.getMessage().getMessageId();
            case RECEIPT -> frame.getReceipt().getReceiptId();
            default -> throw new AssertionError("not an inbox frame: " + frame);
        };
    }

    private Mono<Reply> exchange(HttpMethod method, Function<UriBuilder, URI> uri, byte[] body) {
        WebClient.RequestBodySpec request = http.method(method).uri(uri).accept(PROTOBUF);
        WebClient.RequestHeadersSpec<?> spec = body == null ? request : request.contentType(PROTOBUF).bodyValue(body);
        return spec.exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .map(bytes -> new Reply(response.statusCode().value(),
                        response.headers().contentType().orElse(null), bytes)));
    }
}
