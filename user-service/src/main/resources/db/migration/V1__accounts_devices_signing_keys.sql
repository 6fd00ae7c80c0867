-- Instants are epoch milliseconds (BIGINT): Connector/J drops fractional seconds when writing
-- TIMESTAMP(3) to MariaDB (docs: shared notes on the local stack), and millis sort and compare the same.
-- utf8mb4_bin: text is stored and compared verbatim (no case or accent folding).

CREATE TABLE users (
    id           CHAR(36)     NOT NULL,
    phone_number VARCHAR(16)  NOT NULL COMMENT 'E.164, at most 15 digits after the +',
    display_name VARCHAR(64)  NULL     COMMENT 'code points; null until the user sets one',
    about        VARCHAR(140) NOT NULL DEFAULT '',
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_phone_number UNIQUE (phone_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE devices (
    user_id     CHAR(36)    NOT NULL,
    device_id   INT         NOT NULL COMMENT '1 is the primary phone',
    name        VARCHAR(64) NULL,
    secret_hash BINARY(32)  NOT NULL COMMENT 'SHA-256 of the device secret; the secret itself is never stored',
    generation  BIGINT      NOT NULL COMMENT 'raised on re-registration; older access tokens are revoked',
    created_at  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL,
    PRIMARY KEY (user_id, device_id),
    CONSTRAINT fk_devices_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Access-token signing keys. Production should supply keys from a secret store or KMS instead of
-- keeping private keys in the database; this table is what lets replicas share and rotate them here.
CREATE TABLE signing_keys (
    kid          VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    activates_at BIGINT      NOT NULL COMMENT 'published before it signs, so every verifier knows it in time',
    private_key  TEXT        NOT NULL COMMENT 'PKCS#8 DER, base64',
    public_key   TEXT        NOT NULL COMMENT 'X.509 SubjectPublicKeyInfo DER, base64',
    PRIMARY KEY (kid),
    KEY ix_signing_keys_activates_at (activates_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row that replicas lock (SELECT ... FOR UPDATE) so only one of them creates the next key.
CREATE TABLE signing_key_lock (
    id TINYINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO signing_key_lock (id) VALUES (1);
