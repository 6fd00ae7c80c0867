package io.chatserver.wshandler.connection;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A WebSocketSession test double for unit tests: records what is written and how it was closed, and
 * reads from the outbound publisher only as much as the test allows (a client that stops reading).
 */
public final class RecordingSession implements WebSocketSession {

    final List<WebSocketMessage> sent = new CopyOnWriteArrayList<>();
    final List<CloseStatus> closes = new CopyOnWriteArrayList<>();
    private final Sinks.Empty<Void> sendDone = Sinks.empty();
    private volatile Subscription subscription;

    public void allow(long frames) {
        subscription.request(frames);
    }

    public List<String> sentTexts() {
        return sent.stream().filter(m -> m.getType() == WebSocketMessage.Type.TEXT)
                .map(m -> m.getPayloadAsText(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Mono<Void> send(Publisher<WebSocketMessage> messages) {
        messages.subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                subscription = s;
            }

            @Override
            protected void hookOnNext(WebSocketMessage message) {
                sent.add(message);
            }

            @Override
            protected void hookFinally(reactor.core.publisher.SignalType type) {
                sendDone.tryEmitEmpty();
            }
        });
        return sendDone.asMono();
    }

    @Override
    public Mono<Void> close(CloseStatus status) {
        return Mono.fromRunnable(() -> closes.add(status));
    }

    @Override
    public String getId() {
        return "test";
    }

    @Override
    public HandshakeInfo getHandshakeInfo() {
        return new HandshakeInfo(URI.create("ws://localhost/v1/ws"), new HttpHeaders(), Mono.empty(), null);
    }

    @Override
    public DataBufferFactory bufferFactory() {
        return DefaultDataBufferFactory.sharedInstance;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }

    @Override
    public Flux<WebSocketMessage> receive() {
        return Flux.never();
    }

    @Override
    public boolean isOpen() {
        return closes.isEmpty();
    }

    @Override
    public Mono<CloseStatus> closeStatus() {
        return Mono.never();
    }

    @Override
    public WebSocketMessage textMessage(String payload) {
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, bufferFactory().wrap(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return new WebSocketMessage(WebSocketMessage.Type.BINARY, payloadFactory.apply(bufferFactory()));
    }

    @Override
    public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return new WebSocketMessage(WebSocketMessage.Type.PING, payloadFactory.apply(bufferFactory()));
    }

    @Override
    public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return new WebSocketMessage(WebSocketMessage.Type.PONG, payloadFactory.apply(bufferFactory()));
    }
}
