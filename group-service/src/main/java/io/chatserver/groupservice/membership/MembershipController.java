package io.chatserver.groupservice.membership;

import io.chatserver.groupservice.cache.GroupCache;
import io.chatserver.groupservice.group.GroupResponse;
import io.chatserver.groupservice.group.MemberResponse;
import io.chatserver.groupservice.store.GroupState;
import io.chatserver.platform.security.AuthenticatedDevice;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** Members and admins of a group (R4, R5); see docs/protocol.md, "Groups". */
@RestController
final class MembershipController {

    private final Memberships memberships;
    private final GroupCache cache;

    MembershipController(Memberships memberships, GroupCache cache) {
        this.memberships = memberships;
        this.cache = cache;
    }

    @GetMapping("/v1/groups/{groupId}/members")
    Mono<List<MemberResponse>> members(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable UUID groupId) {
        return cache.forMember(groupId, device.userId())
                .map(state -> state.members().stream().map(MemberResponse::of).toList());
    }

    @PostMapping("/v1/groups/{groupId}/members")
    Mono<GroupResponse> add(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId,
            @Valid @RequestBody AddMembersRequest request) {
        return memberships.add(device.userId(), groupId, request.userIds()).map(state -> view(state, device));
    }

    /** Removing someone else (admins), or leaving when the id is the caller's own: then 204. */
    @DeleteMapping("/v1/groups/{groupId}/members/{userId}")
    Mono<ResponseEntity<GroupResponse>> remove(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable UUID groupId, @PathVariable UUID userId) {
        return memberships.remove(device.userId(), groupId, userId)
                .map(state -> state.member(device.userId()).isPresent()
                        ? ResponseEntity.ok(view(state, device))
                        : ResponseEntity.noContent().<GroupResponse>build());
    }

    @PutMapping("/v1/groups/{groupId}/admins/{userId}")
    Mono<GroupResponse> promote(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId,
            @PathVariable UUID userId) {
        return memberships.promote(device.userId(), groupId, userId).map(state -> view(state, device));
    }

    @DeleteMapping("/v1/groups/{groupId}/admins/{userId}")
    Mono<GroupResponse> demote(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId,
            @PathVariable UUID userId) {
        return memberships.demote(device.userId(), groupId, userId).map(state -> view(state, device));
    }

    private static GroupResponse view(GroupState state, AuthenticatedDevice device) {
        return GroupResponse.of(state, device.userId());
    }
}
