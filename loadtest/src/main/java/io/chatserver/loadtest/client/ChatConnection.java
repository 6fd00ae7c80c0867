package io.chatserver.loadtest.client;

import io.chatserver.loadtest.users.LoadUser;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.Ack;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ServerFrame;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One device's WebSocket, speaking protobuf frames like a mobile client: the token in the
 * Authorization header, every message and receipt acknowledged as it arrives.
 */
public final class ChatConnection {

    private static final int MAX_FRAME = 256 * 1024;
    /** Acks carry this prefix and the id in their requestId, so the Ok names what it confirms. */
    public static final String ACK_REQUEST = "ack:";
    private static final AtomicLong SERIALS = new AtomicLong();

    private final long serial = SERIALS.incrementAndGet();
    private final LoadUser user;
    private final Sinks.Many<WebSocketFrame> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<ServerFrame> welcome = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean closing;
    /** Set when the socket ended while nobody here had closed it; stays so after a later close(). */
    private volatile boolean lost;
    /** The close code the server sent, or 0 (none yet, or the connection just broke). */
    private volatile int closeCode;
    private volatile Disposable socket;
    /** System.nanoTime() when the socket ended, 0 while open. */
    private volatile long endedAtNanos;

    private ChatConnection(LoadUser user) {
        this.user = user;
    }

    /** Opens the socket from {@code source} (a loopback address) and waits for the Welcome frame. */
    public static ChatConnection open(HttpClient base, URI handler, InetSocketAddress source, LoadUser user,
            FrameListener listener, Duration timeout) {
        ChatConnection connection = new ChatConnection(user);
        connection.socket = base.bindAddress(() -> source)
                .headers(headers -> headers.set("Authorization", "Bearer " + user.accessToken()))
                .websocket(WebsocketClientSpec.builder().protocols(WireFormat.PROTOBUF.subprotocol())
                        .maxFramePayloadLength(MAX_FRAME).build())
                .uri(handler)
                .handle((in, out) -> out.sendObject(connection.outgoing.asFlux())
                        .then()
                        .and(in.receiveCloseStatus().doOnNext(status -> connection.closeCode = status.code()))
                        .then()
                        .and(in.aggregateFrames(MAX_FRAME).receiveFrames()
                                .filter(frame -> frame instanceof BinaryWebSocketFrame)
                                .doOnNext(frame -> connection.receive(frame, listener))))
                .doFinally(signal -> connection.ended())
                .subscribe(ignored -> { }, error -> connection.failed(handler, error));
        try {
            connection.welcome.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            connection.close();
            throw new IllegalStateException("no Welcome for " + user.userId() + " from " + handler + ": " + e, e);
        }
        return connection;
    }

    private void failed(URI handler, Throwable error) {
        if (!welcome.completeExceptionally(error) && !closing) {
            System.err.println("load: the connection of " + user.userId() + " to " + handler + " failed: " + error);
        }
    }

    private void ended() {
        endedAtNanos = System.nanoTime();
        lost = !closing;
        welcome.completeExceptionally(new IllegalStateException("closed before the Welcome frame"
                + (closeCode == 0 ? " (no close frame)" : " (close code " + closeCode + ")")));
        closed.complete(null);
    }

    private void receive(WebSocketFrame raw, FrameListener listener) {
        long now = System.nanoTime();
        ServerFrame frame;
        try {
            frame = ServerFrame.parseFrom(ByteBufUtil.getBytes(raw.content()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable frame from the server", e);
        }
        if (frame.hasWelcome()) {
            welcome.complete(frame);
            return;
        }
        if (frame.hasMessage()) {
            ack(frame.getMessage().getMessageId());
        } else if (frame.hasReceipt()) {
            ack(frame.getReceipt().getReceiptId());
        }
        listener.received(this, frame, now);
    }

    /** Acknowledges one message or receipt by its id (done on arrival; again after a refusal). */
    public void ack(String id) {
        send(ClientFrame.newBuilder().setRequestId(ACK_REQUEST + id).setAck(Ack.newBuilder().addIds(id)).build());
    }

    /**
     * Thread-safe: frames from the sending loop, the retry timer and the event loop's acks queue one
     * after the other. False when the connection is gone (the frame is dropped).
     */
    public synchronized boolean send(ClientFrame frame) {
        return outgoing.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toByteArray())))
                == Sinks.EmitResult.OK;
    }

    public LoadUser user() {
        return user;
    }

    /** Unique in this process: tells one connection of a user from the next. */
    public long serial() {
        return serial;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closed by the server or the network, not by {@link #close()} or {@link #drop()}. */
    public boolean lost() {
        return closed.isDone() && lost;
    }

    /** System.nanoTime() when the socket ended, 0 while open. */
    public long endedAtNanos() {
        return endedAtNanos;
    }

    public int closeCode() {
        return closeCode;
    }

    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** As a network loss would: the socket goes without a close frame, unsent frames are dropped. */
    public synchronized void drop() {
        closing = true;
        Disposable current = socket;
        if (current != null) {
            current.dispose();
        }
        outgoing.tryEmitComplete();
    }

    public synchronized void close() {
        closing = true;
        outgoing.tryEmitComplete();
        Disposable current = socket;
        if (current != null) {
            current.dispose();
        }
    }
}
