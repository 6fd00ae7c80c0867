package io.chatserver.groupservice.group;

import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.security.AuthenticatedDevice;
import io.chatserver.protocol.v1.ErrorCode;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** Groups a user creates, sees and edits (R4). Only members see a group; see docs/protocol.md. */
@RestController
final class GroupController {

    static final int MAX_CHANGES = 500;

    private final Groups groups;

    GroupController(Groups groups) {
        this.groups = groups;
    }

    @PostMapping("/v1/groups")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<GroupResponse> create(@AuthenticationPrincipal AuthenticatedDevice device,
            @Valid @RequestBody CreateGroupRequest request) {
        return groups.create(device.userId(), request).map(state -> GroupResponse.of(state, device.userId()));
    }

    @GetMapping("/v1/groups")
    Mono<List<GroupSummaryResponse>> mine(@AuthenticationPrincipal AuthenticatedDevice device) {
        return groups.mine(device.userId()).map(list -> list.stream().map(GroupSummaryResponse::of).toList());
    }

    @GetMapping("/v1/groups/{groupId}")
    Mono<GroupResponse> get(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId) {
        return groups.get(device.userId(), groupId).map(state -> GroupResponse.of(state, device.userId()));
    }

    @PatchMapping("/v1/groups/{groupId}")
    Mono<GroupResponse> updateInfo(@AuthenticationPrincipal AuthenticatedDevice device, @PathVariable UUID groupId,
            @Valid @RequestBody GroupInfoUpdate update) {
        return groups.updateInfo(device.userId(), groupId, update).map(state -> GroupResponse.of(state, device.userId()));
    }

    @PutMapping("/v1/groups/{groupId}/settings")
    Mono<GroupResponse> updateSettings(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable UUID groupId, @Valid @RequestBody GroupSettingsUpdate update) {
        return groups.updateSettings(device.userId(), groupId, update)
                .map(state -> GroupResponse.of(state, device.userId()));
    }

    @GetMapping("/v1/groups/{groupId}/changes")
    Mono<List<ChangeResponse>> changes(@AuthenticationPrincipal AuthenticatedDevice device,
            @PathVariable UUID groupId, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit) {
        if (after < 0 || limit < 1 || limit > MAX_CHANGES) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED,
                    "after must be 0 or more, limit 1 to " + MAX_CHANGES));
        }
        return groups.changesAfter(device.userId(), groupId, after, limit)
                .map(list -> list.stream().map(ChangeResponse::of).toList());
    }
}
