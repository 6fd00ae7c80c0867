package io.chatserver.groupservice.group;

import io.chatserver.groupservice.store.Member;

import java.time.Instant;
import java.util.UUID;

/** A member as members see it; {@code role} is "admin" or "member". */
public record MemberResponse(UUID userId, String role, UUID addedBy, Instant joinedAt) {

    public static MemberResponse of(Member member) {
        return new MemberResponse(member.userId(), member.admin() ? "admin" : "member", member.addedBy(),
                Instant.ofEpochMilli(member.joinedAt()));
    }
}
