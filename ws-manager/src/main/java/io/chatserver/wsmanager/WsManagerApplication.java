package io.chatserver.wsmanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The session registry (A2): which device is connected to which ws-handler, and the push path to it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WsManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WsManagerApplication.class, args);
    }
}
