package io.chatserver.wshandler.it;

import io.chatserver.protocol.FrameCodec;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ServerFrame;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on the JDK's java.net.http.WebSocket: decodes ServerFrames in the negotiated
 * format and records the close. {@link #pause()} stops reading, like a client on a bad network.
 */
final class TestSocket implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FrameCodec CODEC = new FrameCodec();
    static final Duration WAIT = Duration.ofSeconds(5);

    record Closed(int code, String reason) {
    }

    private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean requestOwed = new AtomicBoolean();
    private final AtomicInteger textFrames = new AtomicInteger();
    private final AtomicInteger binaryFrames = new AtomicInteger();
    private WebSocket socket;

    static TestSocket connect(URI uri, String bearerToken, String... subprotocols) {
        TestSocket listener = new TestSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        listener.socket = builder.buildAsync(uri, listener).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return listener;
    }

    WireFormat format() {
        return socket.getSubprotocol().isEmpty() ? WireFormat.JSON
                : WireFormat.fromSubprotocol(socket.getSubprotocol()).orElseThrow();
    }

    void send(ClientFrame frame) {
        byte[] bytes = CODEC.encode(format(), frame);
        if (format().isText()) {
            sendText(new String(bytes, StandardCharsets.UTF_8));
        } else {
            sendBinary(bytes);
        }
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    int textFrames() {
        return textFrames.get();
    }

    int binaryFrames() {
        return binaryFrames.get();
    }

    /** The next frame from the server; fails if none arrives in time. */
    ServerFrame next() throws InterruptedException {
        ServerFrame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame from the server (closed: %s)", closed.getNow(null)).isNotNull();
        return frame;
    }

    ServerFrame poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    Closed awaitClose(Duration wait) {
        return closed.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    Closed awaitClose() {
        return awaitClose(WAIT);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Stops reading: nothing more is requested from the socket until {@link #resume()}. */
    void pause() {
        paused.set(true);
    }

    synchronized void resume() {
        paused.set(false);
        if (requestOwed.getAndSet(false)) {
            socket.request(1);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            textFrames.incrementAndGet();
            frames.add(CODEC.decodeServerFrame(WireFormat.JSON, partialText.toString().getBytes(StandardCharsets.UTF_8)));
            partialText.setLength(0);
        }
        requestMore(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.writeBytes(chunk);
        if (last) {
            binaryFrames.incrementAndGet();
            frames.add(CODEC.decodeServerFrame(WireFormat.PROTOBUF, partial.toByteArray()));
            partial.reset();
        }
        requestMore(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        requestMore(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    private synchronized void requestMore(WebSocket webSocket) {
        if (paused.get()) {
            requestOwed.set(true);
        } else {
            webSocket.request(1);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null)
                    .completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
        }
        socket.abort();
    }
}
