package io.chatserver.wshandler.it;

import io.chatserver.wshandler.WsHandlerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.UUID;
import java.util.stream.Stream;

/** Another ws-handler instance in the test JVM, with its own id and port, for multi-instance tests. */
final class ExtraHandler implements AutoCloseable {

    final String handlerId = "ws-handler-it-x-" + UUID.randomUUID().toString().substring(0, 8);
    private final ConfigurableApplicationContext context;

    ExtraHandler(String wsManagerUrl, String... extraArgs) {
        String[] args = Stream.concat(Stream.of("--server.port=0", "--chat.instance-id=" + handlerId,
                "--chat.ws-handler.ws-manager-url=" + wsManagerUrl,
                "--chat.ws-handler.messaging.message-service-url=" + HandlerIT.NO_MESSAGE_SERVICE), Stream.of(extraArgs)).toArray(String[]::new);
        context = new SpringApplicationBuilder(WsHandlerApplication.class, TestTokens.DecoderConfiguration.class)
                .run(args);
    }

    URI endpoint() {
        return URI.create("ws://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/v1/ws");
    }

    /** Shuts down like on SIGTERM (the JVM's shutdown hook closes the same context). */
    @Override
    public void close() {
        context.close();
    }
}
