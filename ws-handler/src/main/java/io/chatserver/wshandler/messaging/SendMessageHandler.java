package io.chatserver.wshandler.messaging;

import io.chatserver.protocol.internal.v1.SendRequest;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ServerFrames;
import io.chatserver.wshandler.dispatch.FrameHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * SendMessage: message-service stores it, then the client gets MessageSent (one check mark). Frames
 * of one connection are handled in order, so one device's messages are stored in the order sent.
 */
@Component
final class SendMessageHandler implements FrameHandler {

    private final MessageServiceClient messageService;
    private final SendRateLimit rateLimit;
    private final MessagingProperties properties;

    SendMessageHandler(MessageServiceClient messageService, SendRateLimit rateLimit, MessagingProperties properties) {
        this.messageService = messageService;
        this.rateLimit = rateLimit;
        this.properties = properties;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.SEND_MESSAGE;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        if (!rateLimit.tryAcquire(connection)) {
            connection.send(ServerFrames.error(frame.getRequestId(), ErrorCode.RATE_LIMITED,
                    "at most " + properties.sendRatePerSecond() + " messages per second; this one was not"
                            + " stored, send it again later"));
            return Mono.empty();
        }
        SendRequest request = SendRequest.newBuilder()
                .setSenderUserId(connection.device().userId().toString())
                .setSenderDeviceId(connection.device().deviceId())
                .setMessage(frame.getSendMessage())
                .build();
        return messageService.send(request)
                .doOnNext(sent -> connection.send(ServerFrame.newBuilder()
                        .setRequestId(frame.getRequestId()).setMessageSent(sent).build()))
                .onErrorResume(MessageServiceException.class, e -> {
                    connection.send(ServerFrames.error(frame.getRequestId(), e.code(), e.getMessage()));
                    return Mono.empty();
                })
                .then();
    }
}
