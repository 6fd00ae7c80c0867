package io.chatserver.wshandler.dispatch;

import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.FrameException;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wshandler.WsHandlerProperties;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ConnectionMetrics;
import io.chatserver.wshandler.connection.InboundHandler;
import io.chatserver.wshandler.connection.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Decodes inbound frames in the connection's wire format and hands each to the {@link FrameHandler}
 * of its body type. A frame that cannot be accepted gets an Error frame; the connection stays open.
 */
@Component
final class FrameDispatcher implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

    private final FrameCodec codec = new FrameCodec();
    private final Map<ClientFrame.BodyCase, FrameHandler> handlers = new EnumMap<>(ClientFrame.BodyCase.class);
    private final ConnectionMetrics metrics;
    private final Duration frameTimeout;

    @Autowired
    FrameDispatcher(List<FrameHandler> handlers, ConnectionMetrics metrics, WsHandlerProperties properties) {
        this(handlers, metrics, properties.frameTimeout());
    }

    FrameDispatcher(List<FrameHandler> handlers, ConnectionMetrics metrics, Duration frameTimeout) {
        this.metrics = metrics;
        this.frameTimeout = frameTimeout;
        for (FrameHandler handler : handlers) {
            if (this.handlers.put(handler.bodyCase(), handler) != null) {
                throw new IllegalStateException("two handlers for " + handler.bodyCase());
            }
        }
    }

    @Override
    public Mono<Void> handle(Connection connection, boolean text, byte[] payload) {
        WireFormat format = connection.format();
        if (text != format.isText()) {
            metrics.frameIn("invalid");
            return refuse(connection, RequestIds.bestEffort(format, payload), ErrorCode.UNSUPPORTED_FRAME,
                    (text ? "text" : "binary") + " frames are not accepted on a " + format.subprotocol() + " connection");
        }
        ClientFrame frame;
        try {
            frame = codec.decodeClientFrame(format, payload);
        } catch (FrameException e) {
            metrics.frameIn("invalid");
            return refuse(connection, RequestIds.bestEffort(format, payload), e.code(), e.getMessage());
        }
        metrics.frameIn(frame.getBodyCase());
        FrameHandler handler = handlers.get(frame.getBodyCase());
        if (handler == null) {
            return refuse(connection, frame.getRequestId(), ErrorCode.UNSUPPORTED_FRAME,
                    frame.getBodyCase().name().toLowerCase() + " frames are not accepted here");
        }
        // A handler that never finishes would hold this connection's next frames, and its pongs, for good.
        connection.awaitingReply();
        return handler.handle(connection, frame).timeout(frameTimeout).onErrorResume(e -> {
            if (e instanceof TimeoutException) {
                metrics.frameTimedOut(frame.getBodyCase());
                log.warn("{} frame of {} not handled within {}", frame.getBodyCase(), connection.device().userId(),
                        frameTimeout);
                // Answered already (what was left was follow-up work): a 1008 too would make the client send it again.
                return connection.replied(frame.getRequestId()) ? Mono.empty()
                        : refuse(connection, frame.getRequestId(), ErrorCode.FRAME_TIMED_OUT,
                                "not handled within " + frameTimeout.toSeconds() + " s; send it again");
            }
            log.error("{} frame failed", frame.getBodyCase(), e);
            return refuse(connection, frame.getRequestId(), ErrorCode.INTERNAL, "the frame could not be handled");
        });
    }

    private static Mono<Void> refuse(Connection connection, String requestId, ErrorCode code, String message) {
        connection.send(ServerFrames.error(requestId, code, message));
        return Mono.empty();
    }
}
