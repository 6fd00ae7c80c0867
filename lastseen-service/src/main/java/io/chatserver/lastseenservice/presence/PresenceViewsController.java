package io.chatserver.lastseenservice.presence;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** For ws-handler: what a watcher may see of the users it subscribes to (SubscribePresence). */
@RestController
final class PresenceViewsController {

    private final Presences presences;

    PresenceViewsController(Presences presences) {
        this.presences = presences;
    }

    @PostMapping("/internal/v1/presence/views")
    Mono<Presences.Views> views(@Valid @RequestBody ViewsRequest request) {
        return presences.views(request.viewerUserId(), request.userIds().stream().distinct().toList());
    }

    record ViewsRequest(@NotNull UUID viewerUserId, @NotNull @Size(max = 1000) List<@NotNull UUID> userIds) {
    }
}
