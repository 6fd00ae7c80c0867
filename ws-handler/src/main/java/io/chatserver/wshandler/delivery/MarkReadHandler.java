package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.ReadRequest;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.dispatch.FrameHandler;
import io.chatserver.wshandler.messaging.MessageServiceClient;
import io.chatserver.wshandler.messaging.OkReplies;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * MarkRead: a read watermark; message-service sends the READ receipts. Answered by Ok. It waits for
 * the connection's acks before it: what was read was delivered first, so the sender gets DELIVERED
 * before READ.
 */
@Component
final class MarkReadHandler implements FrameHandler {

    private final MessageServiceClient messageService;
    private final Deliveries deliveries;

    MarkReadHandler(MessageServiceClient messageService, Deliveries deliveries) {
        this.messageService = messageService;
        this.deliveries = deliveries;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.MARK_READ;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        ReadRequest request = ReadRequest.newBuilder()
                .setReaderUserId(connection.device().userId().toString())
                .setReaderDeviceId(connection.device().deviceId())
                .setConversationId(frame.getMarkRead().getConversationId())
                .setUpToSeq(frame.getMarkRead().getUpToSeq())
                .build();
        return OkReplies.answer(connection, frame.getRequestId(),
                deliveries.afterEarlierAcks(connection, messageService.markRead(request)));
    }
}
