package io.chatserver.wshandler.connection;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Spring's handshake only reads the first Sec-WebSocket-Protocol header and does not trim the
 * comma-separated names, so "chat.v1.json, chat.v1.proto" would miss the second one. This rewrites the
 * offer as one trimmed list before the handshake.
 */
final class SubprotocolNormalizingService implements WebSocketService {

    private final WebSocketService delegate;

    SubprotocolNormalizingService(WebSocketService delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        List<String> offered = Handshakes.offeredSubprotocols(exchange.getRequest().getHeaders());
        if (offered.isEmpty()) {
            return delegate.handleRequest(exchange, handler);
        }
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(Handshakes.SUBPROTOCOL_HEADER, String.join(",", offered)))
                .build();
        return delegate.handleRequest(exchange.mutate().request(request).build(), handler);
    }
}
