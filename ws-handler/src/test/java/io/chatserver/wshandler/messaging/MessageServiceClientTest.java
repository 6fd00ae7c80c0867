package io.chatserver.wshandler.messaging;

import com.sun.net.httpserver.HttpServer;
import io.chatserver.protocol.internal.v1.InboxPage;
import io.chatserver.wshandler.connection.DeviceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Signal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MessageServiceClient.page against a local HTTP endpoint that answers with the protobuf bytes
 * message-service sends. An empty InboxPage (no entries, more = false) encodes to zero bytes.
 */
class MessageServiceClientTest {

    private final HttpServer server = start();
    private volatile byte[] body = new byte[0];

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPageWithEntriesIsDecoded() {
        InboxPage page = InboxPage.newBuilder().setMore(true)
                .addFrames(io.chatserver.protocol.v1.ServerFrame.newBuilder()
                        .setMessage(io.chatserver.protocol.v1.ChatMessage.newBuilder().setMessageId("m-1")))
                .build();
        body = page.toByteArray();

        assertThat(client().page(new DeviceKey(UUID.randomUUID(), 1), null, 10).block(Duration.ofSeconds(5)))
                .isEqualTo(page);
    }

    @Test
    void anEmptyInboxIsAnEmptyPageNotAnEmptyMono() {
        body = InboxPage.getDefaultInstance().toByteArray();
        assertThat(body).as("what message-service sends for an empty inbox").isEmpty();

        Signal<InboxPage> answer = client().page(new DeviceKey(UUID.randomUUID(), 1), null, 10)
                .materialize().block(Duration.ofSeconds(5));

        assertThat(answer).as("DeliveryPump never finishes a read that completes without a page").isNotNull();
        assertThat(answer.isOnNext()).as("answer: %s", answer).isTrue();
        assertThat(answer.get()).isEqualTo(InboxPage.getDefaultInstance());
    }

    private MessageServiceClient client() {
        return new MessageServiceClient(new MessagingProperties(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5), 30, 60,
                256, 100, 32, 100, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(60), 512));
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/internal/v1/inboxes/", exchange -> {
                byte[] bytes = body;
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
