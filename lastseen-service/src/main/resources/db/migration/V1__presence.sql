-- Presence settings and contacts (R13, R38), and the durable copy of last seen (A7). Instants are epoch
-- milliseconds (BIGINT), user ids CHAR(36), as in the other services.

-- Who may see a user's online status and last seen. No row: the default (chat.presence.default-visibility).
CREATE TABLE privacy_settings (
    user_id     CHAR(36)    NOT NULL,
    visibility  VARCHAR(16) NOT NULL COMMENT 'EVERYONE, CONTACTS or NOBODY',
    updated_at  BIGINT      NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A user's saved contacts: owner_id saved contact_id. One direction; "my contacts" are the rows I own.
CREATE TABLE contacts (
    owner_id    CHAR(36) NOT NULL,
    contact_id  CHAR(36) NOT NULL,
    added_at    BIGINT   NOT NULL,
    PRIMARY KEY (owner_id, contact_id),
    KEY ix_contacts_contact (contact_id, owner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The last seen of users who went offline, written as they go (Redis holds the hot copy). Without it a
-- Redis loss would leave every offline user without a last seen until they next connect.
CREATE TABLE last_seen (
    user_id     CHAR(36) NOT NULL,
    seen_at     BIGINT   NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
