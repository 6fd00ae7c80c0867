package io.chatserver.wshandler.connection;

import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wshandler.WsHandlerProperties;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs an accepted connection: inbound frames one at a time through the dispatcher, the idle
 * timeout (any inbound frame, pongs included, resets it), and the outbound queue with pings.
 */
@Component
final class ConnectionRunner {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRunner.class);

    private static final long MIN_CHECK_MILLIS = 50;

    private final InboundHandler inbound;
    private final WsHandlerProperties properties;
    private final Clock clock;

    ConnectionRunner(InboundHandler inbound, WsHandlerProperties properties, Clock clock) {
        this.inbound = inbound;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Void> run(WebSocketSession session, Connection connection) {
        connection.inboundAt(clock.millis());
        Disposable watchdog = idleWatchdog(connection);
        Mono<Void> input = session.receive()
                .map(InboundFrame::copyOf) // the buffer is released once this returns
                .doOnNext(frame -> connection.inboundAt(clock.millis()))
                .concatMap(frame -> frame.isData()
                        ? inbound.handle(connection, frame.text(), frame.payload())
                        : Mono.empty())
                .onErrorResume(e -> {
                    connection.closeNow(closeReason(e));
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    watchdog.dispose();
                    connection.inputEnded();
                })
                .then();
        return Mono.when(input, connection.writeOutbound(properties.heartbeatInterval()));
    }

    /**
     * Closes the connection once no frame (pongs included) came in for the idle timeout. A separate
     * timer, not a timeout on the inbound flux: cancelling that flux makes Reactor Netty send a close
     * frame without a status before ours.
     */
    private Disposable idleWatchdog(Connection connection) {
        long idleMillis = properties.idleTimeout().toMillis();
        Duration every = Duration.ofMillis(Math.max(MIN_CHECK_MILLIS, idleMillis / 4));
        return Flux.interval(every, every)
                .filter(tick -> clock.millis() - connection.lastInboundMs() >= idleMillis)
                .take(1)
                .subscribe(tick -> connection.closeNow(ErrorCode.SESSION_IDLE_TIMEOUT));
    }

    private static ErrorCode closeReason(Throwable e) {
        if (e instanceof TooLongFrameException || e instanceof CorruptedWebSocketFrameException) {
            return ErrorCode.FRAME_TOO_LARGE;
        }
        log.warn("connection failed", e);
        return ErrorCode.INTERNAL;
    }

    /** An inbound frame copied out of its pooled buffer. */
    private record InboundFrame(WebSocketMessage.Type type, byte[] payload) {

        static InboundFrame copyOf(WebSocketMessage message) {
            DataBuffer buffer = message.getPayload();
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return new InboundFrame(message.getType(), bytes);
        }

        boolean isData() {
            return type == WebSocketMessage.Type.TEXT || type == WebSocketMessage.Type.BINARY;
        }

        boolean text() {
            return type == WebSocketMessage.Type.TEXT;
        }
    }
}
