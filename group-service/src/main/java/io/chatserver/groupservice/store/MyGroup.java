package io.chatserver.groupservice.store;

/** A row of "my groups": the group, how many members it has, and whether the caller is an admin. */
public record MyGroup(GroupInfo info, int memberCount, boolean admin) {
}
