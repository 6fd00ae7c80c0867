package io.chatserver.platform.inbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** message-service sets inbox marks, ws-handler reads them. */
@AutoConfiguration(after = DataRedisReactiveAutoConfiguration.class)
public class InboxMarksAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InboxMarks inboxMarks(ReactiveStringRedisTemplate redis) {
        return new InboxMarks(redis);
    }
}
