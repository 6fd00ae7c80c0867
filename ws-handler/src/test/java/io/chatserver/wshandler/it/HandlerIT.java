package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Welcome;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the ws-handler ITs: the handler under test on a random port, pointed at a real ws-manager
 * process and the real Redis of the local stack, with a test signing key for access tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.DecoderConfiguration.class)
abstract class HandlerIT {

    static final String JSON = "chat.v1.json";
    static final String PROTO = "chat.v1.proto";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ChatInstanceProperties instance;

    /** Port 1: nothing listens there. */
    static final String NO_MESSAGE_SERVICE = "http://127.0.0.1:1";

    @DynamicPropertySource
    static void wsManager(DynamicPropertyRegistry registry) {
        registry.add("chat.ws-handler.ws-manager-url", () -> WsManagerProcess.shared().url());
        // No message-service: these tests see no backlog, even with ./chat up running on this machine.
        registry.add("chat.ws-handler.messaging.message-service-url", () -> NO_MESSAGE_SERVICE);
        // One id per Spring context (each test configuration is its own handler instance).
        registry.add("chat.instance-id", () -> "ws-handler-it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    String handlerId() {
        return instance.instanceId();
    }

    URI endpoint() {
        return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
    }

    TestSocket connect(UUID user, int device, String... subprotocols) {
        return TestSocket.connect(endpoint(), TestTokens.valid(user, device), subprotocols);
    }

    /** Connects and checks the Welcome that must come first. */
    TestSocket connectWelcomed(UUID user, int device, String... subprotocols) throws InterruptedException {
        TestSocket socket = connect(user, device, subprotocols);
        ServerFrame first = socket.next();
        assertThat(first.getBodyCase()).isEqualTo(ServerFrame.BodyCase.WELCOME);
        Welcome welcome = first.getWelcome();
        assertThat(welcome.getUserId()).isEqualTo(user.toString());
        assertThat(welcome.getDeviceId()).isEqualTo(device);
        return socket;
    }

    JsonNode registrySessions(UUID user) {
        return call(HttpRequest.newBuilder(URI.create(WsManagerProcess.shared().url()
                + "/internal/v1/users/" + user + "/sessions")).GET().build());
    }

    JsonNode deliver(UUID user, Integer device, ServerFrame frame) {
        Map<String, Object> body = device == null
                ? Map.of("userId", user.toString(), "serverFrame", base64(frame))
                : Map.of("userId", user.toString(), "deviceId", device, "serverFrame", base64(frame));
        return post("/internal/v1/deliveries", body);
    }

    JsonNode post(String path, Map<String, ?> body) {
        return call(HttpRequest.newBuilder(URI.create(WsManagerProcess.shared().url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))).build());
    }

    private static String base64(ServerFrame frame) {
        return Base64.getEncoder().encodeToString(frame.toByteArray());
    }

    private static JsonNode call(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
