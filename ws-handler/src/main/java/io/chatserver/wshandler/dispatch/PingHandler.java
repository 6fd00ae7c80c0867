package io.chatserver.wshandler.dispatch;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.Pong;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/** The app-level heartbeat for clients that cannot send WebSocket pings (browsers): Ping -> Pong. */
@Component
final class PingHandler implements FrameHandler {

    private final Clock clock;

    PingHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.PING;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        connection.send(ServerFrame.newBuilder()
                .setRequestId(frame.getRequestId())
                .setPong(Pong.newBuilder()
                        .setClientTimeMs(frame.getPing().getClientTimeMs())
                        .setServerTimeMs(clock.millis()))
                .build());
        return Mono.empty();
    }
}
