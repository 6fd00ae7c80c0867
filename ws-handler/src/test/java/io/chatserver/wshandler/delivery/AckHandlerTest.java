package io.chatserver.wshandler.delivery;

import io.chatserver.platform.queue.QueueAlertProperties;
import io.chatserver.platform.queue.QueueMonitor;
import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.Ack;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.RecordingSession;
import io.chatserver.wshandler.connection.TestConnections;
import io.chatserver.wshandler.messaging.MessageServiceClient;
import io.chatserver.wshandler.messaging.MessagingProperties;
import io.chatserver.wshandler.messaging.TestMessageServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import io.chatserver.platform.inbox.InboxMarks;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.mockito.Mockito.mock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paths of AckHandler that do not call message-service: validation, a closing connection and
 * ids this connection never delivered. (Accepted ids are removed through message-service over
 * HTTP and are covered by the integration tests.) message-service points at a closed port: the
 * pump's background read just fails and is retried.
 */
class AckHandlerTest {

    private final RecordingSession session = new RecordingSession();
    private final Connection connection = TestConnections.open(session, WireFormat.JSON, 64);
    private final MessagingProperties properties = new MessagingProperties(URI.create("http://127.0.0.1:" + closedPort()),
            Duration.ofSeconds(1), 30, 60, 256, 100, 32, 100, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofHours(1), 512);
    private final MessageServiceClient messageService = TestMessageServices.client(properties);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Deliveries deliveries = new Deliveries(messageService, properties,
            new DeliveryMetrics(meters), new QueueMonitor(meters, new QueueAlertProperties(Map.of(), Duration.ofHours(1))),
            Clock.systemUTC(), new InboxMarks(mock(ReactiveStringRedisTemplate.class))); // sweeps hourly: never here
    private final AckHandler handler = new AckHandler(deliveries);

    @BeforeEach
    void clientReadsEverything() {
        session.allow(Long.MAX_VALUE);
    }

    @AfterEach
    void close() {
        deliveries.closing(connection);
        deliveries.destroy();
    }

    @Test
    void handlesAcks() {
        assertThat(handler.bodyCase()).isEqualTo(ClientFrame.BodyCase.ACK);
    }

    @Test
    void anAckWithoutIdsIsInvalid() {
        handler.handle(connection, ack("r1", List.of())).block(Duration.ofSeconds(5));

        assertThat(sent()).singleElement().satisfies(frame -> {
            assertThat(frame.getRequestId()).isEqualTo("r1");
            assertThat(frame.getError().getCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(frame.getError().getMessage()).contains("500");
        });
    }

    @Test
    void anAckWithMoreThan500IdsIsInvalid() {
        List<String> ids = IntStream.range(0, AckHandler.MAX_IDS + 1).mapToObj(i -> UUID.randomUUID().toString()).toList();

        handler.handle(connection, ack("r2", ids)).block(Duration.ofSeconds(5));

        assertThat(sent()).singleElement().satisfies(frame -> {
            assertThat(frame.getRequestId()).isEqualTo("r2");
            assertThat(frame.getError().getCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        });
    }

    @Test
    void aConnectionWithoutAPumpIsClosingAndGetsNoAnswer() {
        handler.handle(connection, ack("r3", List.of(UUID.randomUUID().toString()))).block(Duration.ofSeconds(5));

        assertThat(sent()).isEmpty();
    }

    @Test
    void idsNeverDeliveredOnThisConnectionAreNamedIn2005() {
        deliveries.opened(connection);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        handler.handle(connection, ack("r4", List.of(a, b, a))).block(Duration.ofSeconds(5));

        assertThat(sent()).singleElement().satisfies(frame -> {
            assertThat(frame.getRequestId()).isEqualTo("r4");
            assertThat(frame.getError().getCode()).isEqualTo(ErrorCode.MESSAGE_ACK_UNKNOWN);
            assertThat(frame.getError().getMessage())
                    .isEqualTo("2 id(s) not delivered on this connection: " + a + ", " + b);
        });
    }

    @Test
    void atMostTenUnknownIdsAreNamed() {
        deliveries.opened(connection);
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "unknown-" + i).toList();

        handler.handle(connection, ack("r5", ids)).block(Duration.ofSeconds(5));

        assertThat(sent()).singleElement().satisfies(frame -> {
            assertThat(frame.getError().getCode()).isEqualTo(ErrorCode.MESSAGE_ACK_UNKNOWN);
            assertThat(frame.getError().getMessage()).isEqualTo("12 id(s) not delivered on this connection: "
                    + String.join(", ", ids.subList(0, 10)) + ", ...");
        });
    }

    private static ClientFrame ack(String requestId, List<String> ids) {
        return ClientFrame.newBuilder().setRequestId(requestId).setAck(Ack.newBuilder().addAllIds(ids)).build();
    }

    private List<ServerFrame> sent() {
        FrameCodec codec = new FrameCodec();
        return session.sentTexts().stream()
                .map(text -> codec.decodeServerFrame(WireFormat.JSON, text.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
