package io.chatserver.messageservice.typing;

import io.chatserver.messageservice.conversation.ConversationId;
import io.chatserver.messageservice.directory.DeviceDirectory;
import io.chatserver.messageservice.directory.GroupDirectory;
import io.chatserver.platform.error.ChatException;
import io.chatserver.platform.registry.HandlerCommands;
import io.chatserver.platform.registry.RegistryLookup;
import io.chatserver.protocol.internal.v1.TypingRequest;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Typing;
import io.chatserver.protocol.v1.TypingIndicator;
import io.chatserver.protocol.v1.TypingState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Typing and recording indicators: checked like a send (a known recipient, or a group the sender
 * is a member of and may send to), then written to the other participants' connected devices
 * through their handlers. Never stored: a device that is offline, or whose push is lost, misses it,
 * and the indicator ends on the client after expires_in_ms anyway.
 */
@Component
final class TypingRelay {

    /** How long a client shows an indicator without another; clients send one every few seconds. */
    static final Duration EXPIRES_IN = Duration.ofSeconds(6);
    private static final int PUSHES_AT_ONCE = 16;

    private final DeviceDirectory devices;
    private final GroupDirectory groups;
    private final RegistryLookup registry;
    private final HandlerCommands commands;
    private final Counter relayed;
    private final Counter pushed;

    TypingRelay(DeviceDirectory devices, GroupDirectory groups, RegistryLookup registry, HandlerCommands commands,
            MeterRegistry meters) {
        this.devices = devices;
        this.groups = groups;
        this.registry = registry;
        this.commands = commands;
        this.relayed = meters.counter("chat.typing.relayed");
        this.pushed = meters.counter("chat.typing.pushed");
    }

    /** Completes once every connected device of the others was sent the indicator; errors are numbered. */
    Mono<Void> relay(TypingRequest request) {
        return Mono.defer(() -> {
            UUID sender = uuid(request.getSenderUserId(), "sender_user_id");
            Typing typing = request.getTyping();
            if (typing.getState() == TypingState.TYPING_STATE_UNSPECIFIED || typing.getState() == TypingState.UNRECOGNIZED) {
                return Mono.error(invalid("state: TYPING, RECORDING_AUDIO or STOPPED"));
            }
            boolean toGroup = !typing.getGroupId().isEmpty();
            if (toGroup == !typing.getRecipientUserId().isEmpty()) {
                return Mono.error(invalid("set recipient_user_id or group_id, one of them"));
            }
            TypingIndicator.Builder indicator = TypingIndicator.newBuilder()
                    .setUserId(sender.toString())
                    .setDeviceId(request.getSenderDeviceId())
                    .setState(typing.getState())
                    .setExpiresInMs(typing.getState() == TypingState.STOPPED ? 0 : (int) EXPIRES_IN.toMillis());
            Mono<List<UUID>> others = toGroup ? groupOthers(sender, uuid(typing.getGroupId(), "group_id"), indicator)
                    : directOther(sender, uuid(typing.getRecipientUserId(), "recipient_user_id"), indicator);
            return others.flatMap(users -> push(users, ServerFrame.newBuilder().setTyping(indicator).build()));
        });
    }

    private Mono<List<UUID>> directOther(UUID sender, UUID recipient, TypingIndicator.Builder indicator) {
        if (recipient.equals(sender)) {
            return Mono.error(invalid("recipient_user_id: not to oneself"));
        }
        indicator.setConversationId(ConversationId.direct(sender, recipient).toString());
        return devices.devices(List.of(recipient)).flatMap(found -> found.containsKey(recipient)
                ? Mono.just(List.of(recipient))
                : Mono.error(new ChatException(ErrorCode.MESSAGE_RECIPIENT_UNKNOWN, "no user " + recipient)));
    }

    private Mono<List<UUID>> groupOthers(UUID sender, UUID groupId, TypingIndicator.Builder indicator) {
        indicator.setConversationId("g:" + groupId).setGroupId(groupId.toString());
        return groups.members(groupId).flatMap(group -> {
            var member = group.member(sender);
            if (member.isEmpty()) {
                return Mono.error(new ChatException(ErrorCode.GROUP_NOT_FOUND, "no group " + groupId + " of yours"));
            }
            if (group.onlyAdminsSend() && !member.get().admin()) {
                return Mono.error(new ChatException(ErrorCode.GROUP_SEND_ADMINS_ONLY, "only admins send to " + groupId));
            }
            return Mono.just(group.userIds().stream().filter(user -> !user.equals(sender)).toList());
        });
    }

    private Mono<Void> push(List<UUID> users, ServerFrame frame) {
        relayed.increment();
        byte[] bytes = frame.toByteArray();
        return Flux.fromIterable(users)
                .flatMap(user -> registry.userSessions(user)
                        .concatMap(session -> commands.deliver(session, bytes).doOnSuccess(done -> pushed.increment()))
                        .onErrorResume(e -> Mono.empty()), PUSHES_AT_ONCE)
                .then();
    }

    private static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": not a UUID");
        }
    }

    private static ChatException invalid(String detail) {
        return new ChatException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
