package io.chatserver.wshandler.command;

import io.chatserver.platform.registry.HandlerCommands;
import io.chatserver.platform.runtime.ChatInstanceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to this instance's channel {@code chat:handler:{instanceId}} (HandlerCommand protobuf
 * bytes) before the web server accepts connections, and re-subscribes after Redis outages.
 */
@Component
final class HandlerCommandListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HandlerCommandListener.class);
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

    private final ReactiveRedisConnectionFactory connections;
    private final HandlerCommandExecutor executor;
    private final String channel;
    private volatile ReactiveRedisMessageListenerContainer container;
    private volatile Disposable subscription;

    HandlerCommandListener(ReactiveRedisConnectionFactory connections, HandlerCommandExecutor executor,
            ChatInstanceProperties instance) {
        this.connections = connections;
        this.executor = executor;
        this.channel = HandlerCommands.channel(instance.instanceId());
    }

    @Override
    public void start() {
        container = new ReactiveRedisMessageListenerContainer(connections);
        CountDownLatch subscribed = new CountDownLatch(1);
        subscription = Flux.defer(() -> container.receiveLater(List.of(ChannelTopic.of(channel)),
                                SerializationPair.fromSerializer(RedisSerializer.string()), SerializationPair.byteArray())
                        .doOnNext(messages -> subscribed.countDown())
                        .flatMapMany(messages -> messages))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(retry -> log.warn("subscription to {} lost, retrying: {}", channel,
                                retry.failure().toString())))
                .subscribe(message -> executor.execute(message.getMessage()));
        try {
            if (!subscribed.await(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("not yet subscribed to {}; commands are missed until Redis answers", channel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.dispose();
            subscription = null;
        }
        if (container != null) {
            container.destroy();
            container = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096; // before the web server starts, after it stops
    }
}
