package io.chatserver.wshandler.connection;

import io.chatserver.wshandler.WsHandlerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
