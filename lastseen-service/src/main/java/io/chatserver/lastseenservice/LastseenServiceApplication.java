package io.chatserver.lastseenservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Latest last-seen time per user (A7), kept in Redis only: the platform brings the connection. */
@SpringBootApplication
public class LastseenServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LastseenServiceApplication.class, args);
    }
}
