package io.chatserver.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The tool sends traffic to loopback only (127.0.0.0/8, ::1): any other address is refused. */
public final class Loopback {

    private Loopback() {
    }

    public static URI require(String what, String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a URI: " + text);
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException(what + " needs a host and a port: " + text);
        }
        address(what, uri.getHost());
        return uri;
    }

    /** The address, if every address the name resolves to is a loopback one. */
    public static InetAddress address(String what, String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress address : all) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(what + ": " + host + " is not a loopback address");
                }
            }
            return all[0];
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host " + host);
        }
    }
}
