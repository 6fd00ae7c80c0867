package io.chatserver.wshandler.it;

import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.GoingAway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shutdown (SIGTERM closes the same context): clients are told to reconnect, the registry is cleared. */
class GracefulShutdownIT {

    private final UUID user = UUID.randomUUID();

    @Test
    void shutdownSendsGoingAwayCloses1001AndDropsTheHandlerFromTheRegistry() throws Exception {
        ExtraHandler handler = new ExtraHandler(WsManagerProcess.shared().url());
        try (handler; TestSocket socket = TestSocket.connect(handler.endpoint(), TestTokens.valid(user, 1), "chat.v1.proto")) {
            assertThat(socket.next().hasWelcome()).isTrue();
            assertThat(handlerSessions(handler.handlerId)).hasSize(1);

            handler.close();

            GoingAway goingAway = socket.next().getGoingAway();
            assertThat(goingAway.getCode()).isEqualTo(ErrorCode.SESSION_SERVER_SHUTDOWN);
            assertThat(goingAway.getReconnect()).isTrue();
            TestSocket.Closed closed = socket.awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).startsWith("1504 ");
        }
        assertThat(handlerSessions(handler.handlerId)).isEmpty();
    }

    static JsonNode handlerSessions(String handlerId) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        WsManagerProcess.shared().url() + "/internal/v1/handlers/" + handlerId + "/sessions")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return JsonMapper.builder().build().readTree(response.body());
    }
}
