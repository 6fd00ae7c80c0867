package io.chatserver.testsupport;

/** Where the servers of {@code ./chat stack up} listen (docs/local-ports.md). */
public enum LocalStack {
    REDIS(16379),
    MARIADB(13306),
    CASSANDRA(19042),
    KAFKA(19092),
    S3PROXY(18333);

    public static final String HOST = "127.0.0.1";

    private final int port;

    LocalStack(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }
}
