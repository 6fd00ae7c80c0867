package io.chatserver.testsupport;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that speaks the chat protocol in either wire format, for tests. Received
 * frames are decoded with the same {@link FrameCodec} the servers use and queued; the close code
 * and reason are kept. Frames that do not decode are kept raw so tests can assert on them too.
 */
public final class TestWebSocketClient implements AutoCloseable {

    /** A close the server sent (or the transport reported, with code 1006). */
    public record Close(int code, String reason) {
    }

    private static final FrameCodec CODEC = new FrameCodec();

    private final WireFormat format;
    private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private TestWebSocketClient(WireFormat format, WebSocket.Builder builder, URI uri) {
        this.format = format;
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects with the token in the Authorization header (as mobile clients do). */
    public static TestWebSocketClient connect(URI uri, String token, WireFormat format) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .subprotocols(format.subprotocol());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return new TestWebSocketClient(format, builder, uri);
    }

    /** Connects offering exactly the given sub-protocols (possibly none), no token header. */
    public static TestWebSocketClient connectRaw(URI uri, WireFormat expectedFormat, String... subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return new TestWebSocketClient(expectedFormat, builder, uri);
    }

    public void send(ClientFrame frame) {
        byte[] bytes = CODEC.encode(format, frame);
        if (format.isText()) {
            sendText(new String(bytes, StandardCharsets.UTF_8));
        } else {
            sendBinary(bytes);
        }
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next frame, or an assertion error if none arrives in time. */
    public ServerFrame awaitFrame(Duration timeout) {
        try {
            ServerFrame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout + (closed.isDone() ? "; closed: " + closed.join() : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next frame of the given kind, skipping others (e.g. pushes that arrive in between). */
    public ServerFrame awaitFrame(ServerFrame.BodyCase kind, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + kind + " frame within " + timeout);
            }
            ServerFrame frame = awaitFrame(Duration.ofNanos(left));
            if (frame.getBodyCase() == kind) {
                return frame;
            }
        }
    }

    public Close awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                accept(text.toString().getBytes(StandardCharsets.UTF_8), WireFormat.JSON);
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                accept(binary.toByteArray(), WireFormat.PROTOBUF);
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(1006, String.valueOf(error.getMessage())));
        }

        private void accept(byte[] payload, WireFormat arrivedAs) {
            frames.add(CODEC.decodeServerFrame(arrivedAs, payload));
        }
    }
}
