package io.chatserver.userservice.account;

import io.chatserver.platform.jdbc.BlockingDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Creates accounts for the numbers that have none, each with a primary device of the given
     * secret hash, in one transaction. Numbers that already have an account are left untouched
     * (seeding must never sign a real phone out) and are not in the answer.
     *
     * @return number to new user id, for the accounts created
     */
    public Mono<Map<String, UUID>> createAccounts(Map<String, byte[]> secretHashByNumber) {
        return database.inTransaction(jdbc -> {
            long now = clock.millis();
            List<String> numbers = List.copyOf(secretHashByNumber.keySet());
            Map<String, UUID> created = new LinkedHashMap<>();
            numbers.forEach(number -> created.put(number, UUID.randomUUID()));
            // IGNORE: a number with an account keeps it; the read below tells which rows are ours.
            List<Object> userRows = new ArrayList<>();
            created.forEach((number, id) -> Collections.addAll(userRows, id.toString(), number, now, now));
            jdbc.sql("INSERT IGNORE INTO users (id, phone_number, about, created_at, updated_at) VALUES "
                    + rows(numbers.size(), "(?, ?, '', ?, ?)")).params(userRows).update();
            List<String> ours = jdbc.sql("SELECT phone_number FROM users WHERE id IN (" + rows(numbers.size(), "?") + ")")
                    .params(created.values().stream().map(UUID::toString).toList()).query(String.class).list();
            created.keySet().retainAll(ours);
            if (!created.isEmpty()) {
                List<Object> deviceRows = new ArrayList<>();
                created.forEach((number, id) -> Collections.addAll(deviceRows, id.toString(), PRIMARY_DEVICE,
                        secretHashByNumber.get(number), 1L, now, now));
                jdbc.sql("INSERT INTO devices (user_id, device_id, secret_hash, generation, created_at, updated_at) VALUES "
                        + rows(created.size(), "(?, ?, ?, ?, ?, ?)")).params(deviceRows).update();
            }
            return created;
        });
    }

    private static String rows(int count, String row) {
        return String.join(", ", Collections.nCopies(count, row));
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
