package io.chatserver.wshandler.connection;

import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One authenticated, registered client connection. Every outbound frame goes through one bounded
 * queue: when it is full the client is too slow and the connection is closed (4429); nothing is lost
 * because messages stay in the message store until acknowledged.
 */
public final class Connection {

    private static final FrameCodec CODEC = new FrameCodec();
    /** Marks a close the client started: nothing left for the server to send. */
    private static final CloseStatus CLOSED_BY_CLIENT = new CloseStatus(1000, "closed by client");

    private final WebSocketSession session;
    private final WireFormat format;
    private final AuthenticatedDevice device;
    private final String sessionId;
    private final Instant connectedAt;
    private final Duration goAwayGrace;
    private final ConnectionMetrics metrics;
    private final Sinks.Many<Outbound> queue;
    private final LinkedBlockingQueue<Outbound> queued;
    private final Sinks.Empty<Void> stopOutbound = Sinks.empty();
    private final AtomicReference<CloseStatus> closing = new AtomicReference<>();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile Runnable onClosing = () -> { };
    /** The last frame from the client (pongs included): the idle timeout, and the user's last seen. */
    private volatile long lastInboundMs;
    /** The request id of the newest reply sent: whether the frame being handled has been answered. */
    private volatile String lastReplyTo = "";

    Connection(WebSocketSession session, WireFormat format, AuthenticatedDevice device, String sessionId,
            Instant connectedAt, int queueSize, Duration goAwayGrace, ConnectionMetrics metrics) {
        this.session = session;
        this.format = format;
        this.device = device;
        this.sessionId = sessionId;
        this.connectedAt = connectedAt;
        this.lastInboundMs = connectedAt.toEpochMilli();
        this.goAwayGrace = goAwayGrace;
        this.metrics = metrics;
        // Linked, not an array: an idle connection's queue is empty, and 19,000 arrays of 1,024 slots would be 80 MB.
        this.queued = new LinkedBlockingQueue<>(queueSize);
        this.queue = Sinks.many().unicast().onBackpressureBuffer(queued);
    }

    /** Frames (and pings) waiting to be written to the client. */
    int queued() {
        return queued.size();
    }

    public WireFormat format() {
        return format;
    }

    public AuthenticatedDevice device() {
        return device;
    }

    public DeviceKey key() {
        return new DeviceKey(device.userId(), device.deviceId());
    }

    public String sessionId() {
        return sessionId;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    void inboundAt(long epochMillis) {
        lastInboundMs = epochMillis;
    }

    /** When the client last sent anything (a frame, a ping or pong), epoch ms on this handler's clock. */
    public long lastInboundMs() {
        return lastInboundMs;
    }

    /** Queues a frame; false when the connection is closing or was just closed as a slow consumer. */
    public synchronized boolean send(ServerFrame frame) {
        boolean queued = enqueue(new Outbound.Frame(frame));
        if (queued) {
            metrics.frameOut(frame.getBodyCase());
            if (!frame.getRequestId().isEmpty()) {
                lastReplyTo = frame.getRequestId();
            }
        }
        return queued;
    }

    /** Called before a frame is handled (frames are handled one at a time): it has no reply yet. */
    public void awaitingReply() {
        lastReplyTo = "";
    }

    /** Whether a reply to this request id was sent since {@link #awaitingReply}; false for an empty id. */
    public boolean replied(String requestId) {
        return !requestId.isEmpty() && requestId.equals(lastReplyTo);
    }

    /** Heartbeat pings share the queue: a client too slow to take frames gets no pings either. */
    private synchronized void ping() {
        enqueue(Outbound.PING);
    }

    private boolean enqueue(Outbound item) {
        if (closing.get() != null) {
            return false;
        }
        Sinks.EmitResult result = queue.tryEmitNext(item);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            metrics.overflow();
            closeNow(ErrorCode.SESSION_SLOW_CONSUMER);
        }
        return result.isSuccess();
    }

    /** Tells the client why (GoingAway), lets it read what is queued, then closes with the reason's code. */
    public void goAway(ErrorCode reason, boolean reconnect) {
        synchronized (this) {
            if (!closing.compareAndSet(null, ServerFrames.closeStatus(reason))) {
                return;
            }
            metrics.closed(reason.name());
            closingStarted();
            boolean queued = queue.tryEmitNext(new Outbound.Frame(ServerFrames.goingAway(reason, reconnect))).isSuccess();
            queue.tryEmitComplete();
            if (!queued) {
                stopAndClose();
                return;
            }
        }
        // A client that does not read its queue in time is closed anyway.
        Mono.delay(goAwayGrace).subscribe(tick -> stopAndClose());
    }

    /** Closes at once, dropping what is queued (slow consumer, idle timeout, protocol errors). */
    public void closeNow(ErrorCode reason) {
        if (closing.compareAndSet(null, ServerFrames.closeStatus(reason))) {
            metrics.closed(reason.name());
            closingStarted();
            stopAndClose();
        }
    }

    /** Runs once when the connection starts closing, for whichever reason: it takes no new frames from then on. */
    void onClosing(Runnable callback) {
        AtomicBoolean ran = new AtomicBoolean();
        this.onClosing = () -> {
            if (ran.compareAndSet(false, true)) {
                callback.run();
            }
        };
        if (isClosing()) {
            this.onClosing.run();
        }
    }

    public boolean isClosing() {
        return closing.get() != null;
    }

    /** The client closed or the connection dropped: stop sending. */
    void inputEnded() {
        if (closing.compareAndSet(null, CLOSED_BY_CLIENT)) {
            metrics.closed("CLIENT");
            closingStarted();
        }
        stopOutbound.tryEmitEmpty();
    }

    /** Writes the queue (frames and heartbeat pings) until the connection closes, then sends the close frame. */
    Mono<Void> writeOutbound(Duration heartbeatInterval) {
        Disposable pings = Flux.interval(heartbeatInterval).subscribe(tick -> ping());
        // No operator here buffers: a frame stays in the bounded queue until the socket asks for it.
        return session.send(queue.asFlux().map(this::toMessage).takeUntilOther(stopOutbound.asMono()))
                .onErrorResume(e -> Mono.empty())
                .doFinally(signal -> pings.dispose())
                .then(Mono.defer(this::sendClose));
    }

    private WebSocketMessage toMessage(Outbound item) {
        if (!(item instanceof Outbound.Frame frame)) {
            return session.pingMessage(buffers -> buffers.wrap(new byte[0]));
        }
        byte[] bytes = CODEC.encode(format, frame.frame());
        return format.isText()
                ? new WebSocketMessage(WebSocketMessage.Type.TEXT, session.bufferFactory().wrap(bytes))
                : session.binaryMessage(buffers -> buffers.wrap(bytes));
    }

    private void closingStarted() {
        onClosing.run();
    }

    private void stopAndClose() {
        stopOutbound.tryEmitEmpty();
        sendClose().subscribe();
    }

    private Mono<Void> sendClose() {
        CloseStatus status = closing.get();
        if (status == null || status == CLOSED_BY_CLIENT || !closeSent.compareAndSet(false, true)) {
            return Mono.empty();
        }
        return session.close(status).onErrorResume(e -> Mono.empty());
    }
}
