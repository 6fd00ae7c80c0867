package io.chatserver.wshandler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Holds the clients' long-lived WebSocket connections (A1); several instances run side by side. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WsHandlerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WsHandlerApplication.class, args);
    }
}
