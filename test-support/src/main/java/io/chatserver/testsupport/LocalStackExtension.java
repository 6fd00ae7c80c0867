package io.chatserver.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Checks that the servers named by {@link RequiresLocalStack} accept connections. */
final class LocalStackExtension implements BeforeAllCallback {

    private static final int CONNECT_TIMEOUT_MS = 1_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalStack[] needed = AnnotationSupport
                .findAnnotation(context.getRequiredTestClass(), RequiresLocalStack.class)
                .map(RequiresLocalStack::value)
                .orElse(LocalStack.values());
        List<String> down = new ArrayList<>();
        for (LocalStack server : needed) {
            if (!reachable(server.port())) {
                down.add(server + " (" + LocalStack.HOST + ":" + server.port() + ")");
            }
        }
        if (!down.isEmpty()) {
            throw new IllegalStateException("local stack not running: " + String.join(", ", down)
                    + ". Start it with ./chat stack up (or run the tests with ./chat test).");
        }
    }

    static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LocalStack.HOST, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
