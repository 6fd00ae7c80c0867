package io.chatserver.wshandler.connection;

import io.chatserver.wshandler.WsHandlerProperties;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

import java.util.Map;

/**
 * The endpoint {@code /v1/ws}. The inbound frame limit is Reactor Netty's maxFramePayloadLength (Netty
 * closes with 1009 above it), set through the upgrade strategy's WebsocketServerSpec supplier.
 */
@Configuration(proxyBeanMethods = false)
final class WebSocketConfiguration implements WebFluxConfigurer {

    static final String PATH = "/v1/ws";

    private final WsHandlerProperties properties;

    WebSocketConfiguration(WsHandlerProperties properties) {
        this.properties = properties;
    }

    @Bean
    HandlerMapping webSocketMapping(ChatWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(PATH, handler), Ordered.HIGHEST_PRECEDENCE);
    }

    /**
     * The HTTP request of a WebSocket lasts as long as the connection, and so would its
     * observation: four observations with their tags and timers per connection, a fifth of the
     * heap a connection held, for a "request duration" that is really the connection's age. The
     * connection metrics count and time connections instead.
     */
    @Bean
    ObservationPredicate noRequestObservationPerConnection() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && PATH.equals(request.getCarrier().getPath().value()));
    }

    @Bean
    HandshakeWebSocketService handshakeWebSocketService() {
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder()
                .maxFramePayloadLength(properties.maxFrameBytes())));
    }

    @Override
    public WebSocketService getWebSocketService() {
        return new SubprotocolNormalizingService(handshakeWebSocketService());
    }
}
