package io.chatserver.wshandler.connection;

import io.chatserver.protocol.WireFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the client asked for in its upgrade request: sub-protocols and the access token. */
final class Handshakes {

    static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    static final String TOKEN_PARAMETER = "access_token";
    private static final String BEARER = "bearer ";

    private Handshakes() {
    }

    /** Every offered sub-protocol, across repeated headers and comma lists, trimmed. */
    static List<String> offeredSubprotocols(HttpHeaders headers) {
        List<String> values = headers.getValuesAsList(SUBPROTOCOL_HEADER);
        return values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /**
     * The wire format: the negotiated sub-protocol, JSON when the client offered none, empty when it
     * offered only ones this server does not speak.
     */
    static Optional<WireFormat> format(HandshakeInfo handshake) {
        String negotiated = handshake.getSubProtocol();
        if (negotiated != null) {
            return WireFormat.fromSubprotocol(negotiated.trim());
        }
        return offeredSubprotocols(handshake.getHeaders()).isEmpty() ? Optional.of(WireFormat.JSON) : Optional.empty();
    }

    /** From "Authorization: Bearer ..." (mobile) or the access_token query parameter (browsers); null if none. */
    static String accessToken(HandshakeInfo handshake) {
        String authorization = handshake.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return authorization.substring(BEARER.length()).trim();
        }
        String parameter = UriComponentsBuilder.fromUri(handshake.getUri()).build()
                .getQueryParams().getFirst(TOKEN_PARAMETER);
        return parameter == null ? null : UriUtils.decode(parameter, StandardCharsets.UTF_8);
    }
}
