-- Instants are epoch milliseconds (BIGINT), as in user-service. utf8mb4_bin: text kept verbatim.
-- "groups" is a reserved word in MySQL 8, hence chat_groups.

CREATE TABLE chat_groups (
    id                  CHAR(36)      NOT NULL,
    subject             VARCHAR(100)  NOT NULL COMMENT 'code points',
    description         VARCHAR(2048) NOT NULL DEFAULT '',
    icon_asset_id       VARCHAR(64)   NULL,
    created_by          CHAR(36)      NOT NULL,
    created_at          BIGINT        NOT NULL,
    only_admins_send    BOOLEAN       NOT NULL DEFAULT FALSE,
    only_admins_edit    BOOLEAN       NOT NULL DEFAULT FALSE,
    member_count        INT           NOT NULL,
    invite_code         CHAR(22)      NULL     COMMENT 'the one live invite link; null when none or revoked',
    version             BIGINT        NOT NULL COMMENT 'raised by every change, in the same transaction; orders cache writes and change events',
    updated_at          BIGINT        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_chat_groups_invite_code UNIQUE (invite_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE group_members (
    group_id   CHAR(36) NOT NULL,
    user_id    CHAR(36) NOT NULL,
    admin      BOOLEAN  NOT NULL,
    added_by   CHAR(36) NOT NULL COMMENT 'the member themselves when they joined by link',
    joined_at  BIGINT   NOT NULL,
    PRIMARY KEY (group_id, user_id),
    KEY ix_group_members_user (user_id, group_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every change to a group, numbered by the group's version: the record the system messages
-- ("X added Y") are made from, written in the same transaction as the change it describes.
CREATE TABLE group_changes (
    group_id    CHAR(36)    NOT NULL,
    version     BIGINT      NOT NULL,
    kind        VARCHAR(32) NOT NULL COMMENT 'CREATED, ADDED, REMOVED, LEFT, JOINED, PROMOTED, DEMOTED, INFO, SETTINGS, INVITE',
    actor_id    CHAR(36)    NOT NULL,
    subject_ids TEXT        NOT NULL COMMENT 'comma-separated user ids the change is about; empty for info and settings',
    changed_at  BIGINT      NOT NULL,
    PRIMARY KEY (group_id, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
