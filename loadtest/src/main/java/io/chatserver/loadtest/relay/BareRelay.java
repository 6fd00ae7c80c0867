package io.chatserver.loadtest.relay;

import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.Ok;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.SyncComplete;
import io.chatserver.protocol.v1.Welcome;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code bare-relay} reference: the chat protocol on the same WebSocket server as ws-handler
 * (Reactor Netty, protobuf frames), with everything else taken away. No token check (the bearer
 * token is the user id), no store, no registry: a send is answered MessageSent at once and written
 * to the recipient's connection in this process, or dropped when it has none. What the real
 * system costs beyond this is the price of durability, routing and the rest of the work.
 */
public final class BareRelay {

    private static final int MAX_FRAME = 256 * 1024;

    private final Map<String, Peer> online = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final AtomicLong relayed = new AtomicLong();

    public DisposableServer start(InetAddress host, int port) {
        return HttpServer.create().host(host.getHostAddress()).port(port)
                .route(routes -> routes.ws("/v1/ws", this::session, WebsocketServerSpec.builder()
                        .protocols(WireFormat.PROTOBUF.subprotocol()).maxFramePayloadLength(MAX_FRAME).build()))
                .bindNow();
    }

    public long relayed() {
        return relayed.get();
    }

    private Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        String authorization = in.headers().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return out.sendClose(4401, "no bearer token").then();
        }
        String userId = authorization.substring("Bearer ".length());
        Peer peer = new Peer();
        online.put(userId, peer);
        peer.send(ServerFrame.newBuilder().setWelcome(Welcome.newBuilder().setUserId(userId).setDeviceId(1)
                .setProtocol(WireFormat.PROTOBUF.subprotocol()).setServerTimeMs(System.currentTimeMillis())).build());
        peer.send(ServerFrame.newBuilder().setSyncComplete(SyncComplete.getDefaultInstance()).build());
        Mono<Void> reading = in.aggregateFrames(MAX_FRAME).receiveFrames()
                .filter(frame -> frame instanceof BinaryWebSocketFrame)
                .doOnNext(frame -> received(userId, peer, frame))
                .doFinally(signal -> {
                    online.remove(userId, peer);
                    peer.end();
                })
                .then();
        return out.sendObject(peer.frames.asFlux()).then().and(reading);
    }

    private void received(String userId, Peer peer, WebSocketFrame raw) {
        ClientFrame frame;
        try {
            frame = ClientFrame.parseFrom(ByteBufUtil.getBytes(raw.content()));
        } catch (InvalidProtocolBufferException e) {
            return; // the reference checks nothing
        }
        switch (frame.getBodyCase()) {
            case SEND_MESSAGE -> relay(userId, peer, frame.getRequestId(), frame.getSendMessage());
            case ACK -> peer.send(ServerFrame.newBuilder().setRequestId(frame.getRequestId())
                    .setOk(Ok.getDefaultInstance()).build());
            default -> {
            }
        }
    }

    private void relay(String from, Peer sender, String requestId, SendMessage send) {
        String to = send.getRecipientUserId();
        String conversation = from.compareTo(to) < 0 ? "d:" + from + ":" + to : "d:" + to + ":" + from;
        long seq = seqs.computeIfAbsent(conversation, key -> new AtomicLong()).incrementAndGet();
        String messageId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        sender.send(ServerFrame.newBuilder().setRequestId(requestId).setMessageSent(MessageSent.newBuilder()
                .setClientMessageId(send.getClientMessageId()).setMessageId(messageId)
                .setConversationId(conversation).setSeq(seq).setSentAtMs(now)).build());
        Peer recipient = online.get(to);
        if (recipient != null) {
            recipient.send(ServerFrame.newBuilder().setMessage(ChatMessage.newBuilder().setMessageId(messageId)
                    .setConversationId(conversation).setSeq(seq).setSenderUserId(from).setSenderDeviceId(1)
                    .setRecipientUserId(to).setClientMessageId(send.getClientMessageId())
                    .setContentType(send.getContentType()).setBody(send.getBody()).setSentAtMs(now)).build());
            relayed.incrementAndGet();
        }
    }

    /** One connection's outgoing frames; several event loops write to it, one at a time. */
    private static final class Peer {

        final Sinks.Many<WebSocketFrame> frames = Sinks.many().unicast().onBackpressureBuffer();

        synchronized void send(ServerFrame frame) {
            frames.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toByteArray())));
        }

        synchronized void end() {
            frames.tryEmitComplete();
        }
    }
}
