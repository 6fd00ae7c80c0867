package io.chatserver.testsupport;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackExtensionTest {

    @Test
    void aListeningPortIsReachableAndAClosedOneIsNot() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(LocalStack.HOST))) {
            closedPort = server.getLocalPort();
            assertThat(LocalStackExtension.reachable(server.getLocalPort())).isTrue();
        }
        assertThat(LocalStackExtension.reachable(closedPort)).isFalse();
    }
}
