package io.chatserver.userservice.account;

import io.chatserver.userservice.database.BlockingDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Accounts (one per phone number) and their devices' credentials in MySQL. */
@Component
public final class AccountStore {

    public static final int PRIMARY_DEVICE = 1;

    private final BlockingDatabase database;
    private final Clock clock;
    AccountStore(BlockingDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Creates the account of a phone number or reuses it, and gives its primary device a new secret.
     * Re-registering raises the device's generation, which revokes tokens issued to the old phone.
     */
    public Mono<PrimaryDeviceRegistration> registerPrimaryDevice(String e164, String deviceName, byte[] secretHash) {
        return database.inTransaction(jdbc -> {
            long now = clock.millis();
            // FOR UPDATE: two registrations of the same number queue here instead of racing.
            Optional<UUID> existing = jdbc.sql("SELECT id FROM users WHERE phone_number = ? FOR UPDATE")
                    .param(e164).query(String.class).optional().map(UUID::fromString);
            UUID userId = existing.orElseGet(UUID::randomUUID);
            if (existing.isEmpty()) {
                jdbc.sql("INSERT INTO users (id, phone_number, about, created_at, updated_at) VALUES (?, ?, '', ?, ?)")
                        .params(userId.toString(), e164, now, now).update();
            }
            long generation = replaceSecret(jdbc, userId, deviceName, secretHash, now);
            return new PrimaryDeviceRegistration(userId, PRIMARY_DEVICE, generation, existing.isEmpty());
        });
    }

    private static long replaceSecret(JdbcClient jdbc, UUID userId, String deviceName, byte[] secretHash, long now) {
        Optional<Long> current = jdbc.sql("SELECT generation FROM devices WHERE user_id = ? AND device_id = ? FOR UPDATE")
                .params(userId.toString(), PRIMARY_DEVICE).query(Long.class).optional();
        long generation = current.map(value -> value + 1).orElse(1L);
        if (current.isPresent()) {
            jdbc.sql("UPDATE devices SET secret_hash = ?, generation = ?, name = ?, updated_at = ? WHERE user_id = ? AND device_id = ?")
                    .params(secretHash, generation, deviceName, now, userId.toString(), PRIMARY_DEVICE).update();
        } else {
            jdbc.sql("""
                    INSERT INTO devices (user_id, device_id, name, secret_hash, generation, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(userId.toString(), PRIMARY_DEVICE, deviceName, secretHash, generation, now, now).update();
        }
        return generation;
    }

    /** The stored credential of a device, or empty when the user or device does not exist. */
    public Mono<DeviceCredential> findDevice(UUID userId, int deviceId) {
        return database.call(jdbc -> jdbc
                        .sql("SELECT secret_hash, generation FROM devices WHERE user_id = ? AND device_id = ?")
                        .params(userId.toString(), deviceId)
                        .query((row, i) -> new DeviceCredential(userId, deviceId, row.getBytes(1), row.getLong(2)))
                        .optional())
                .flatMap(Mono::justOrEmpty);
    }
}
