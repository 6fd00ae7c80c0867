-- Who each change is told to, fixed when it is made: the members right after its transaction, and
-- whoever it took out. The relay may run much later (a broker outage); a member added since must not
-- be told of changes from before they came. NULL for changes logged before this column existed.
ALTER TABLE group_changes
    ADD COLUMN recipient_ids MEDIUMTEXT NULL COMMENT 'comma-separated user ids; NULL before V3';
