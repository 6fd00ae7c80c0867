package io.chatserver.userservice.registration;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.InetSocketAddress;

/**
 * The client address that per-IP limits count against: the TCP peer, because X-Forwarded-For is
 * whatever the client wrote. Only behind a trusted proxy (configured) the proxy's own entry, the
 * last one in the header, is used.
 */
@Component
final class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final boolean trustForwardedFor;

    ClientAddresses(RegistrationProperties properties) {
        this.trustForwardedFor = properties.trustForwardedFor();
    }

    String of(ServerHttpRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeaders().getFirst(FORWARDED_FOR);
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].strip();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
