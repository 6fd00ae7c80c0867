package io.chatserver.wshandler.delivery;

import io.chatserver.protocol.internal.v1.AckedEntry;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.wshandler.connection.Connection;
import io.chatserver.wshandler.connection.ServerFrames;
import io.chatserver.wshandler.dispatch.FrameHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ack: removes what the device confirmed from its inbox (and so sends DELIVERED receipts). Only ids
 * this connection delivered are accepted; the others are named in a 2005 error, the rest still count.
 * The removal runs beside the connection's frame order ({@link AckBatcher}): the next frame does
 * not wait for it, and the answer comes when it is done.
 */
@Component
final class AckHandler implements FrameHandler {

    static final int MAX_IDS = 500;
    private static final int MAX_IDS_NAMED = 10;

    private final Deliveries deliveries;

    AckHandler(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public ClientFrame.BodyCase bodyCase() {
        return ClientFrame.BodyCase.ACK;
    }

    @Override
    public Mono<Void> handle(Connection connection, ClientFrame frame) {
        String requestId = frame.getRequestId();
        Set<String> ids = new LinkedHashSet<>(frame.getAck().getIdsList());
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            connection.send(ServerFrames.error(requestId, ErrorCode.VALIDATION_FAILED,
                    "an ack carries 1 to " + MAX_IDS + " ids"));
            return Mono.empty();
        }
        DeliveryPump pump = deliveries.pump(connection).orElse(null);
        if (pump == null) {
            return Mono.empty(); // closing: nothing more goes to this client
        }
        List<AckedEntry> described = new ArrayList<>();
        List<String> unknown = pump.acknowledged(ids, described::add);
        ids.removeAll(unknown);
        if (ids.isEmpty()) {
            connection.send(unknownIds(requestId, unknown));
        } else if (!deliveries.acks(connection).map(acks -> acks.submit(requestId, ids, unknown, described))
                .orElse(true)) {
            // The ids stay acknowledged here; the client repeats the ack later and it is accepted.
            connection.send(ServerFrames.error(requestId, ErrorCode.RATE_LIMITED,
                    "too many acks are waiting; send this one again later"));
        }
        return Mono.empty();
    }

    static ServerFrame unknownIds(String requestId, List<String> unknown) {
        String named = String.join(", ", unknown.subList(0, Math.min(MAX_IDS_NAMED, unknown.size())));
        return ServerFrames.error(requestId, ErrorCode.MESSAGE_ACK_UNKNOWN, unknown.size()
                + " id(s) not delivered on this connection: " + named + (unknown.size() > MAX_IDS_NAMED ? ", ..." : ""));
    }
}
