package io.chatserver.groupservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Groups and memberships (A6): MySQL through Flyway-managed tables, group messages over Kafka,
 * hot groups cached in Redis (the platform's connection).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GroupServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GroupServiceApplication.class, args);
    }
}
