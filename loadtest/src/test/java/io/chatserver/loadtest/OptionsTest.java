package io.chatserver.loadtest;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void givenValuesAndDefaultsAreReadAndRemembered() {
        Options options = Options.parse(List.of("--users=20", "--duration=2m", "--drain=500ms"));
        assertThat(options.integer("users", 100, 2, 1000)).isEqualTo(20);
        assertThat(options.integer("rate", 200, 1, 1000)).isEqualTo(200);
        assertThat(options.duration("duration", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(options.duration("drain", Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofMillis(500));
        options.requireAllUsed();
        assertThat(options.used()).containsEntry("users", 20).containsEntry("rate", 200).containsEntry("drain", "500ms");
    }

    @Test
    void malformedOrOutOfBoundsValuesAreRefused() {
        assertThatThrownBy(() -> Options.parse(List.of("users=20"))).hasMessageContaining("not --name=value");
        assertThatThrownBy(() -> Options.parse(List.of("--users=1", "--users=2"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> Options.parse(List.of("--users=many")).integer("users", 1, 1, 10))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Options.parse(List.of("--users=11")).integer("users", 1, 1, 10))
                .hasMessageContaining("between 1 and 10");
        assertThatThrownBy(() -> Options.parse(List.of("--duration=10h"))
                .duration("duration", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(30)))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Options.parse(List.of("--duration=31m"))
                .duration("duration", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(30)))
                .hasMessageContaining("between");
    }

    @Test
    void anOptionNoScenarioAskedForIsRefused() {
        Options options = Options.parse(List.of("--user=5"));
        options.integer("users", 100, 2, 1000);
        assertThatThrownBy(options::requireAllUsed).hasMessageContaining("unknown options: [user]");
    }

    @Test
    void onlyLoopbackTargetsAreAccepted() {
        assertThat(Options.parse(List.of("--handlers=ws://127.0.0.2:8090/v1/ws,ws://[::1]:8091/v1/ws"))
                .loopbackUris("handlers", "")).containsExactly(URI.create("ws://127.0.0.2:8090/v1/ws"),
                URI.create("ws://[::1]:8091/v1/ws"));
        assertThatThrownBy(() -> Options.parse(List.of("--user-service=http://10.0.0.1:8081"))
                .loopbackUris("user-service", "")).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> Options.parse(List.of("--user-service=http://127.0.0.1"))
                .loopbackUris("user-service", "")).hasMessageContaining("needs a host and a port");
    }
}
