package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.ViewedRequest;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.dispatch.FrameHandler;
import io.chatserver.wshandler.messaging.MessageServiceClient;
import io.chatserver.wshandler.messaging.OkReplies;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * MarkViewed: a message opened (view once, a voice note played); message-service sends the VIEWED
 * receipt. Answered by Ok. It waits for the connection's acks before it, so the sender gets DELIVERED
 * before VIEWED.
 */
@Component
final class MarkViewedHandler implements FrameHandler {

    private final MessageServiceClient messageService;
    private final Deliveries deliveries;

    MarkViewedHandler(MessageServiceClient messageService, Deliveries deliveries) {
        this.messageService = messageService;
        this.deliveries = deliveries;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.MARK_VIEWED;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        ViewedRequest request = ViewedRequest.newBuilder()
                .setViewerUserId(connection.device().userId().toString())
                .setViewerDeviceId(connection.device().deviceId())
                .setConversationId(frame.getMarkViewed().getConversationId())
                .setSeq(frame.getMarkViewed().getSeq())
                .build();
        return OkReplies.answer(connection, frame.getRequestId(),
                deliveries.afterEarlierAcks(connection, messageService.markViewed(request)));
    }
}
