package io.chatserver.wsmanager.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.chatserver.protocol.internal.v1.HandlerCommand;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Listens on a handler's pub/sub channel like a ws-handler would, and hands the test what arrived. */
final class HandlerChannel implements AutoCloseable {

    private final ReactiveRedisMessageListenerContainer container;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Disposable subscription;

    HandlerChannel(ReactiveRedisConnectionFactory connections, String handlerId) {
        container = new ReactiveRedisMessageListenerContainer(connections);
        subscription = container.receiveLater(List.of(ChannelTopic.of("chat:handler:" + handlerId)),
                        SerializationPair.byteArray(), SerializationPair.byteArray())
                .block(Duration.ofSeconds(5)) // subscribed once this returns
                .subscribe(message -> received.add(message.getMessage()));
    }

    HandlerCommand next() throws InterruptedException, InvalidProtocolBufferException {
        byte[] payload = received.poll(5, TimeUnit.SECONDS);
        assertThat(payload).as("a HandlerCommand on the channel").isNotNull();
        return HandlerCommand.parseFrom(payload);
    }

    void assertNothingMore() throws InterruptedException {
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Override
    public void close() {
        subscription.dispose();
        container.destroy();
    }
}
