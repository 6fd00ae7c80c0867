package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.dispatch.FrameHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** SyncRequest: read the whole inbox again; SyncComplete answers it when done. */
@Component
final class SyncHandler implements FrameHandler {

    private final Deliveries deliveries;

    SyncHandler(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.SYNC;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        deliveries.pump(connection).ifPresent(pump -> pump.sync(frame.getRequestId()));
        return Mono.empty();
    }
}
