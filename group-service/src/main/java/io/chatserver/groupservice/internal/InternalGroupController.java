package io.chatserver.groupservice.internal;

import io.chatserver.groupservice.cache.GroupCache;
import io.chatserver.groupservice.store.GroupState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Internal, cluster-only (no access token; a NetworkPolicy in k8s): a group's members for the
 * services that send and fan out group messages, served from the cache.
 */
@RestController
final class InternalGroupController {

    private final GroupCache cache;

    InternalGroupController(GroupCache cache) {
        this.cache = cache;
    }

    @GetMapping("/internal/v1/groups/{groupId}/members")
    Mono<GroupMembersResponse> members(@PathVariable UUID groupId) {
        return cache.get(groupId)
                .map(found -> found.orElseThrow(() -> GroupState.notFound(groupId)))
                .map(GroupMembersResponse::of);
    }
}
