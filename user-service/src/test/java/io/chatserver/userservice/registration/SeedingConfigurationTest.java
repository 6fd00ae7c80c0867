package io.chatserver.userservice.registration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeding is off unless a profile turns it on (local and test do; production must not). */
class SeedingConfigurationTest {

    @Test
    void seedingIsOffByDefault() {
        new ApplicationContextRunner().withUserConfiguration(SeedingController.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SeedingController.class));
    }
}
