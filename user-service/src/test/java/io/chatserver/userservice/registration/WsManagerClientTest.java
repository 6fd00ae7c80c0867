package io.chatserver.userservice.registration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WsManagerClientTest {

    @Test
    void anUnreachableWsManagerIsCountedNotFatal() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WsManagerClient client = new WsManagerClient(WebClient.builder(),
                new WsManagerProperties(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2)), meters);

        StepVerifier.create(client.disconnect(UUID.randomUUID(), 1)).verifyComplete();
        assertThat(meters.counter(RegistrationMetrics.DISCONNECT_FAILURES).count()).isEqualTo(1.0);
    }
}
