package io.chatserver.lastseenservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Presence (A7, R13, R38): last seen per user, online status from the session registry, and who may
 * see them (privacy settings and contacts). docs/architecture.md, "Presence".
 */
@SpringBootApplication
@EnableConfigurationProperties(PresenceProperties.class)
public class LastseenServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LastseenServiceApplication.class, args);
    }
}
