package io.chatserver.messageservice.contacts;

import io.chatserver.messageservice.fanout.FanoutProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The contact events topic, created at startup when missing: message-service owns it. */
@Configuration(proxyBeanMethods = false)
class ContactEventsConfiguration {

    @Bean
    NewTopic contactEventsTopic(FanoutProperties fanout) {
        return TopicBuilder.name(MessagedContacts.TOPIC).partitions(4).replicas(fanout.replicas()).build();
    }
}
