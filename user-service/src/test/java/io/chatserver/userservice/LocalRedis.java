package io.chatserver.userservice;

import io.chatserver.testsupport.LocalStack;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** A connection to the local stack's Redis for script tests that need no Spring context. */
public final class LocalRedis implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final ReactiveStringRedisTemplate template;

    public LocalRedis() {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(LocalStack.HOST, LocalStack.REDIS.port()));
        factory.afterPropertiesSet();
        factory.start();
        template = new ReactiveStringRedisTemplate(factory);
    }

    public ReactiveStringRedisTemplate template() {
        return template;
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
