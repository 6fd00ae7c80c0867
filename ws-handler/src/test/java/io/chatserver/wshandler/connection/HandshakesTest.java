package io.chatserver.wshandler.connection;

import io.chatserver.protocol.WireFormat;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.HandshakeInfo;
import reactor.core.publisher.Mono;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakesTest {

    private static HandshakeInfo handshake(String uri, HttpHeaders headers, String negotiated) {
        return new HandshakeInfo(URI.create(uri), headers, Mono.empty(), negotiated);
    }

    @Test
    void offeredSubprotocolsAreReadAcrossHeadersAndTrimmed() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Sec-WebSocket-Protocol", "chat.v9.xml,  chat.v1.proto ");
        headers.add("Sec-WebSocket-Protocol", "chat.v1.json");

        assertThat(Handshakes.offeredSubprotocols(headers)).containsExactly("chat.v9.xml", "chat.v1.proto", "chat.v1.json");
    }

    @Test
    void theFormatIsTheNegotiatedSubprotocolJsonWhenNoneWasOfferedAndNoneForOnlyUnknownOnes() {
        HttpHeaders none = new HttpHeaders();
        HttpHeaders unknown = new HttpHeaders();
        unknown.add("Sec-WebSocket-Protocol", "chat.v9.xml");

        assertThat(Handshakes.format(handshake("ws://h/v1/ws", unknown, "chat.v1.proto"))).contains(WireFormat.PROTOBUF);
        assertThat(Handshakes.format(handshake("ws://h/v1/ws", none, null))).contains(WireFormat.JSON);
        assertThat(Handshakes.format(handshake("ws://h/v1/ws", unknown, null))).isEmpty();
    }

    @Test
    void theTokenComesFromTheBearerHeaderFirstThenTheQueryParameter() {
        HttpHeaders bearer = new HttpHeaders();
        bearer.add("Authorization", "bearer header.token.sig");
        assertThat(Handshakes.accessToken(handshake("ws://h/v1/ws?access_token=query", bearer, null)))
                .isEqualTo("header.token.sig");
        assertThat(Handshakes.accessToken(handshake("ws://h/v1/ws?x=1&access_token=a.b%2Dc", new HttpHeaders(), null)))
                .isEqualTo("a.b-c");
        assertThat(Handshakes.accessToken(handshake("ws://h/v1/ws", new HttpHeaders(), null))).isNull();
    }
}
