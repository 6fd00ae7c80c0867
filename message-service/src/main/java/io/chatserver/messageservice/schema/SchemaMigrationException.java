package io.chatserver.messageservice.schema;

/** The keyspace schema cannot be brought up to date; startup stops with this message. */
final class SchemaMigrationException extends RuntimeException {

    SchemaMigrationException(String message) {
        super(message);
    }

    SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
