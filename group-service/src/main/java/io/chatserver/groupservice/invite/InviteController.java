package io.chatserver.groupservice.invite;

import io.chatserver.groupservice.group.GroupResponse;
import io.chatserver.platform.security.AuthenticatedDevice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Invite links (R4): admins manage a group's code, anybody with a live code previews and joins. */
@RestController
final class InviteController {

    private final Invites invites;

    InviteController(Invites invites) {
        this.invites = invites;
    }

    @PostMapping("/v1/groups/{groupId}/invite")
    Mono<InviteResponse> reset(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId) {
        return invites.reset(device.userId(), groupId)
                .map(state -> new InviteResponse(groupId, state.info().inviteCode()));
    }

    @GetMapping("/v1/groups/{groupId}/invite")
    Mono<InviteResponse> current(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId) {
        return invites.current(device.userId(), groupId).map(code -> new InviteResponse(groupId, code));
    }

    @DeleteMapping("/v1/groups/{groupId}/invite")
    Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable UUID groupId) {
        return invites.revoke(device.userId(), groupId).thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/v1/invites/{code}")
    Mono<InvitePreviewResponse> preview(@PathVariable String code) {
        return invites.preview(code).map(InvitePreviewResponse::of);
    }

    @PostMapping("/v1/invites/{code}/join")
    Mono<GroupResponse> join(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable String code) {
        return invites.join(device.userId(), code).map(state -> GroupResponse.of(state, device.userId()));
    }
}
