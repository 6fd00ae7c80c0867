-- The group version a member's current membership began with: the first version of the change that
-- added them (1 for everyone a group was created with). message-service lets a member read the
-- group's history from the first message sent at that version or later. Memberships from before
-- this column get 0: all of the history, as before.
ALTER TABLE group_members
    ADD COLUMN joined_version BIGINT NOT NULL DEFAULT 0 COMMENT 'group version the membership began with';
