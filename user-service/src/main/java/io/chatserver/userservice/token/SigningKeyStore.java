package io.chatserver.userservice.token;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing keys in MySQL, shared by all replicas. Creating a key happens under a row lock, so
 * replicas that start or rotate at the same moment create one key, not one each.
 */
final class SigningKeyStore {

    private final BlockingDatabase database;
    private final TokenProperties properties;
    private final Clock clock;

    SigningKeyStore(BlockingDatabase database, TokenProperties properties, Clock clock) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<List<SigningKey>> loadAll() {
        return database.call(SigningKeyStore::load);
    }

    /** Creates the next key if the schedule says so; emits whether one was created. */
    Mono<Boolean> rotateIfDue() {
        return database.inTransaction(this::rotateIfDue);
    }

    /** Blocking variant for startup (main thread), so the service never serves without a key. */
    boolean rotateIfDueNow() {
        return database.inTransactionNow(this::rotateIfDue);
    }

    /** Starts a rotation now whatever the schedule (key compromise, tests): the new key activates after the lead. */
    Mono<SigningKey> rotateNow() {
        return database.inTransaction(jdbc -> {
            lock(jdbc);
            return insert(jdbc, clock.instant().plus(properties.keyPublishLead()));
        });
    }

    private boolean rotateIfDue(JdbcClient jdbc) {
        lock(jdbc);
        // Read again under the lock: another replica may have just created the key.
        Optional<Instant> next = KeySchedule.nextActivation(load(jdbc), clock.instant(),
                properties.keyRotation(), properties.keyPublishLead());
        next.ifPresent(activatesAt -> insert(jdbc, activatesAt));
        return next.isPresent();
    }

    private static void lock(JdbcClient jdbc) {
        jdbc.sql("SELECT id FROM signing_key_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    private SigningKey insert(JdbcClient jdbc, Instant activatesAt) {
        String kid = UUID.randomUUID().toString();
        KeyPair pair = KeyCodec.generate(properties.keySize());
        String privateKey = KeyCodec.encodePrivate(pair);
        String publicKey = KeyCodec.encodePublic(pair);
        jdbc.sql("INSERT INTO signing_keys (kid, created_at, activates_at, private_key, public_key) VALUES (?, ?, ?, ?, ?)")
                .params(kid, clock.millis(), activatesAt.toEpochMilli(), privateKey, publicKey)
                .update();
        return new SigningKey(kid, activatesAt, KeyCodec.toJwk(kid, privateKey, publicKey));
    }

    private static List<SigningKey> load(JdbcClient jdbc) {
        return jdbc.sql("SELECT kid, activates_at, private_key, public_key FROM signing_keys ORDER BY activates_at")
                .query((row, i) -> new SigningKey(row.getString(1), Instant.ofEpochMilli(row.getLong(2)),
                        KeyCodec.toJwk(row.getString(1), row.getString(3), row.getString(4))))
                .list();
    }
}
