package io.chatserver.wshandler.typing;

import io.chatserver.protocol.internal.v1.TypingRequest;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ServerFrames;
import io.chatserver.wshandler.dispatch.FrameHandler;
import io.chatserver.wshandler.messaging.MessageServiceClient;
import io.chatserver.wshandler.messaging.OkReplies;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Typing: relayed by message-service to the other participants' connected devices, never stored.
 * Answered by Ok, or by an Error (1006 past the per-connection limit, 1002, 2001, 2101, 2109).
 */
@Component
final class TypingHandler implements FrameHandler {

    private final MessageServiceClient messageService;
    private final TypingRateLimit limit;

    TypingHandler(MessageServiceClient messageService, TypingRateLimit limit) {
        this.messageService = messageService;
        this.limit = limit;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.TYPING;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        if (!limit.tryAcquire(connection)) {
            connection.send(ServerFrames.error(frame.getRequestId(), ErrorCode.RATE_LIMITED, "typing indicators too often"));
            return Mono.empty();
        }
        TypingRequest request = TypingRequest.newBuilder()
                .setSenderUserId(connection.device().userId().toString())
                .setSenderDeviceId(connection.device().deviceId())
                .setTyping(frame.getTyping())
                .build();
        return OkReplies.answer(connection, frame.getRequestId(), messageService.typing(request));
    }
}
