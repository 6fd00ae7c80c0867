package io.chatserver.userservice.registration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private final MockServerHttpRequest request = MockServerHttpRequest.post("/v1/registration/codes")
            .remoteAddress(new InetSocketAddress("10.1.2.3", 50000))
            .header("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
            .build();

    @Test
    void usesThePeerAddressAndIgnoresForwardedForByDefault() {
        assertThat(new ClientAddresses(properties(false)).of(request)).isEqualTo("10.1.2.3");
    }

    @Test
    void behindATrustedProxyUsesTheEntryTheProxyAdded() {
        assertThat(new ClientAddresses(properties(true)).of(request)).isEqualTo("198.51.100.7");
    }

    private static RegistrationProperties properties(boolean trustForwardedFor) {
        return new RegistrationProperties(Duration.ofMinutes(5), Duration.ofSeconds(60), 5, 5, Duration.ofHours(1),
                20, Duration.ofHours(1), "a-pepper-of-sixteen-or-more", trustForwardedFor, false, false);
    }
}
