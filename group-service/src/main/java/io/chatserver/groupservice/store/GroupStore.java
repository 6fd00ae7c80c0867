package io.chatserver.groupservice.store;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SQL for groups, members and the change log; values always travel as bound parameters. Callers
 * run these inside {@code BlockingDatabase.inTransaction}; {@link #lock} takes the group's row lock,
 * which serialises every change of one group (member count, admins, version) across replicas.
 */
@Component
public final class GroupStore {

    private static final String GROUP_COLUMNS = "id, subject, description, icon_asset_id, created_by, created_at,"
            + " only_admins_send, only_admins_edit, invite_code, version, updated_at";
    private static final RowMapper<GroupInfo> GROUP = (row, i) -> new GroupInfo(UUID.fromString(row.getString(1)),
            row.getString(2), row.getString(3), row.getString(4), UUID.fromString(row.getString(5)), row.getLong(6),
            row.getBoolean(7), row.getBoolean(8), row.getString(9), row.getLong(10), row.getLong(11));
    private static final RowMapper<Member> MEMBER = (row, i) -> new Member(UUID.fromString(row.getString(1)),
            row.getBoolean(2), UUID.fromString(row.getString(3)), row.getLong(4), row.getLong(5));

    /** The group and its members, the group's row locked until the transaction ends. */
    public Optional<GroupState> lock(JdbcClient jdbc, UUID groupId) {
        return jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM chat_groups WHERE id = ? FOR UPDATE")
                .param(groupId.toString()).query(GROUP).optional()
                .map(info -> new GroupState(info, members(jdbc, groupId)));
    }

    /** The same without a lock, for the cache (one consistent snapshot inside a read transaction). */
    public Optional<GroupState> read(JdbcClient jdbc, UUID groupId) {
        return jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM chat_groups WHERE id = ?")
                .param(groupId.toString()).query(GROUP).optional()
                .map(info -> new GroupState(info, members(jdbc, groupId)));
    }

    public Optional<UUID> groupOfInvite(JdbcClient jdbc, String inviteCode) {
        return jdbc.sql("SELECT id FROM chat_groups WHERE invite_code = ?").param(inviteCode)
                .query(String.class).optional().map(UUID::fromString);
    }

    /** The groups a user is in, most recently changed first, with their size and the user's role. */
    public List<MyGroup> groupsOf(JdbcClient jdbc, UUID userId) {
        return jdbc.sql("SELECT " + prefixed("g") + ", g.member_count, m.admin FROM group_members m"
                        + " JOIN chat_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.updated_at DESC, g.id")
                .param(userId.toString())
                .query((row, i) -> new MyGroup(GROUP.mapRow(row, i), row.getInt(12), row.getBoolean(13)))
                .list();
    }

    /** Writes the new group row: the state after the transaction's changes. */
    public void insert(JdbcClient jdbc, GroupInfo info, int memberCount) {
        jdbc.sql("INSERT INTO chat_groups (" + GROUP_COLUMNS + ", member_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(info.id().toString(), info.subject(), info.description(), info.iconAssetId(),
                        info.createdBy().toString(), info.createdAt(), info.onlyAdminsSend(), info.onlyAdminsEditInfo(),
                        info.inviteCode(), info.version(), info.updatedAt(), memberCount)
                .update();
    }

    /**
     * Closes a change: the group's new version and time, its member count recounted, and marked as
     * having changes to relay.
     */
    public void stamp(JdbcClient jdbc, UUID groupId, long version, long now) {
        jdbc.sql("UPDATE chat_groups SET version = ?, updated_at = ?, relay_pending = TRUE,"
                        + " member_count = (SELECT COUNT(*) FROM group_members WHERE group_id = ?) WHERE id = ?")
                .params(version, now, groupId.toString(), groupId.toString())
                .update();
    }

    public void updateInfo(JdbcClient jdbc, UUID groupId, String subject, String description, String iconAssetId) {
        jdbc.sql("UPDATE chat_groups SET subject = ?, description = ?, icon_asset_id = ? WHERE id = ?")
                .params(subject, description, iconAssetId, groupId.toString()).update();
    }

    public void updateSettings(JdbcClient jdbc, UUID groupId, boolean onlyAdminsSend, boolean onlyAdminsEditInfo) {
        jdbc.sql("UPDATE chat_groups SET only_admins_send = ?, only_admins_edit = ? WHERE id = ?")
                .params(onlyAdminsSend, onlyAdminsEditInfo, groupId.toString()).update();
    }

    /** {@code null} revokes the link. */
    public void setInviteCode(JdbcClient jdbc, UUID groupId, String inviteCode) {
        jdbc.sql("UPDATE chat_groups SET invite_code = ? WHERE id = ?").params(inviteCode, groupId.toString()).update();
    }

    public void addMember(JdbcClient jdbc, UUID groupId, Member member) {
        jdbc.sql("INSERT INTO group_members (group_id, user_id, admin, added_by, joined_at, joined_version)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(groupId.toString(), member.userId().toString(), member.admin(), member.addedBy().toString(),
                        member.joinedAt(), member.joinedVersion())
                .update();
    }

    public void removeMember(JdbcClient jdbc, UUID groupId, UUID userId) {
        jdbc.sql("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")
                .params(groupId.toString(), userId.toString()).update();
    }

    public void setAdmin(JdbcClient jdbc, UUID groupId, UUID userId, boolean admin) {
        jdbc.sql("UPDATE group_members SET admin = ? WHERE group_id = ? AND user_id = ?")
                .params(admin, groupId.toString(), userId.toString()).update();
    }

    public void log(JdbcClient jdbc, UUID groupId, LoggedChange logged) {
        Change change = logged.change();
        jdbc.sql("INSERT INTO group_changes (group_id, version, kind, actor_id, subject_ids, changed_at, recipient_ids)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(groupId.toString(), logged.version(), change.kind().name(), change.actor().toString(),
                        ids(change.subjects()), logged.changedAt(), ids(logged.recipients()))
                .update();
    }

    /** How far the group's changes are relayed; empty when there is no such group. */
    public Optional<Long> relayedVersion(JdbcClient jdbc, UUID groupId) {
        return jdbc.sql("SELECT relayed_version FROM chat_groups WHERE id = ?").param(groupId.toString())
                .query(Long.class).optional();
    }

    /** Changes up to {@code version} are on Kafka; never lowers what another relay recorded. */
    public void markRelayed(JdbcClient jdbc, UUID groupId, long version) {
        // MySQL assigns left to right: relay_pending compares with the relayed_version just set.
        jdbc.sql("UPDATE chat_groups SET relayed_version = GREATEST(relayed_version, ?),"
                        + " relay_pending = (version > relayed_version) WHERE id = ?")
                .params(version, groupId.toString()).update();
    }

    /** Groups with changes not relayed yet and none since {@code changedBefore}, at most {@code limit}. */
    public List<UUID> groupsToRelay(JdbcClient jdbc, long changedBefore, int limit) {
        return jdbc.sql("SELECT id FROM chat_groups WHERE relay_pending AND updated_at < ? LIMIT ?")
                .params(changedBefore, limit)
                .query((row, i) -> UUID.fromString(row.getString(1))).list();
    }

    /** The log after a version, oldest first, at most {@code limit} entries, without recipients. */
    public List<LoggedChange> changesAfter(JdbcClient jdbc, UUID groupId, long afterVersion, int limit) {
        return changes(jdbc, "''", groupId, afterVersion, limit);
    }

    /** As {@link #changesAfter}, with each change's recipients (what the relay publishes). */
    public List<LoggedChange> changesToRelay(JdbcClient jdbc, UUID groupId, long afterVersion, int limit) {
        return changes(jdbc, "COALESCE(recipient_ids, '')", groupId, afterVersion, limit);
    }

    private static List<LoggedChange> changes(JdbcClient jdbc, String recipients, UUID groupId, long afterVersion,
            int limit) {
        return jdbc.sql("SELECT version, kind, actor_id, subject_ids, changed_at, " + recipients + " FROM group_changes"
                        + " WHERE group_id = ? AND version > ? ORDER BY version LIMIT ?")
                .params(groupId.toString(), afterVersion, limit)
                .query((row, i) -> new LoggedChange(row.getLong(1), new Change(Change.Kind.valueOf(row.getString(2)),
                        UUID.fromString(row.getString(3)), uuids(row.getString(4))), row.getLong(5),
                        uuids(row.getString(6))))
                .list();
    }

    private static List<Member> members(JdbcClient jdbc, UUID groupId) {
        return jdbc.sql("SELECT user_id, admin, added_by, joined_at, joined_version FROM group_members WHERE group_id = ?"
                        + " ORDER BY joined_at, user_id")
                .param(groupId.toString()).query(MEMBER).list();
    }

    private static String ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static List<UUID> uuids(String column) {
        return column.isEmpty() ? List.of() : Arrays.stream(column.split(",")).map(UUID::fromString).toList();
    }

    private static String prefixed(String alias) {
        return Arrays.stream(GROUP_COLUMNS.split(", ")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }
}
