package io.chatserver.platform.registry;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.internal.v1.CloseSession;
import io.chatserver.protocol.internal.v1.DeliverFrame;
import io.chatserver.protocol.internal.v1.HandlerCommand;
import io.chatserver.protocol.internal.v1.PresenceChanged;
import io.chatserver.protocol.v1.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import reactor.core.publisher.Mono;

/**
 * Publishes HandlerCommands on the handler's pub/sub channel {@code chat:handler:{handlerId}}, which
 * the handler subscribes to. Best effort: a handler that is not subscribed misses the command;
 * durability is the message store's job.
 */
public final class HandlerCommands {

    public static final String CHANNEL_PREFIX = "chat:handler:";
    static final String COMMANDS = "chat.registry.commands";

    private final ReactiveRedisTemplate<String, byte[]> redis;
    private final Counter delivers;
    private final Counter closes;
    private final Counter presences;

    public HandlerCommands(ReactiveRedisConnectionFactory connections, MeterRegistry meters) {
        this.redis = new ReactiveRedisTemplate<>(connections, RedisSerializationContext
                .<String, byte[]>newSerializationContext(RedisSerializer.string())
                .value(RedisSerializationContext.SerializationPair.byteArray())
                .build());
        this.delivers = Counter.builder(COMMANDS).tag("type", "deliver").register(meters);
        this.closes = Counter.builder(COMMANDS).tag("type", "close").register(meters);
        this.presences = Counter.builder(COMMANDS).tag("type", "presence").register(meters);
    }

    public static String channel(String handlerId) {
        return CHANNEL_PREFIX + handlerId;
    }

    public Mono<Void> deliver(DeviceSession target, byte[] serverFrame) {
        DeliverFrame deliver = DeliverFrame.newBuilder()
                .setUserId(target.userId().toString())
                .setDeviceId(target.deviceId())
                .setSessionId(target.sessionId())
                .setServerFrame(ByteString.copyFrom(serverFrame))
                .build();
        return publish(target.handlerId(), HandlerCommand.newBuilder().setDeliver(deliver).build())
                .doOnSuccess(ignored -> delivers.increment());
    }

    public Mono<Void> close(DeviceSession target, ErrorCode reason) {
        CloseSession close = CloseSession.newBuilder()
                .setUserId(target.userId().toString())
                .setDeviceId(target.deviceId())
                .setSessionId(target.sessionId())
                .setReason(reason)
                .build();
        return publish(target.handlerId(), HandlerCommand.newBuilder().setClose(close).build())
                .doOnSuccess(ignored -> closes.increment());
    }

    /** Emits how many subscribers got it: 0 when the handler is gone (or not subscribed at that instant). */
    public Mono<Long> presence(String handlerId, PresenceChanged change) {
        return redis.convertAndSend(channel(handlerId), HandlerCommand.newBuilder().setPresence(change).build().toByteArray())
                .doOnSuccess(ignored -> presences.increment());
    }

    private Mono<Void> publish(String handlerId, HandlerCommand command) {
        return redis.convertAndSend(channel(handlerId), command.toByteArray()).then();
    }
}
