-- The change log is also an outbox: each change goes to Kafka (topic chat.group-changes) after its
-- commit, and message-service makes it a system message of the group. relayed_version says how far
-- that got; relay_pending marks the groups a sweep must look at (a relay that a crash or an
-- unreachable broker cut short).
ALTER TABLE chat_groups
    ADD COLUMN relayed_version BIGINT  NOT NULL DEFAULT 0     COMMENT 'changes up to this version are on Kafka',
    ADD COLUMN relay_pending   BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'set with every change, cleared once relayed_version reaches version',
    ADD KEY ix_chat_groups_relay_pending (relay_pending);

-- Changes made before the relay existed are history, not news: they get no system messages.
UPDATE chat_groups SET relayed_version = version;
