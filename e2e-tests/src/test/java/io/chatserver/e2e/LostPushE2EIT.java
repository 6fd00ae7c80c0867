package io.chatserver.e2e;

import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.Http;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push that finds nobody (the registry lost the recipient's session, while its connection lives
 * on) is made good by the periodic sweep: the send marked the recipient's inbox, so the sweep
 * reads it. Inboxes nobody wrote to are left alone. Sweeps every 2 s here; reconciliation, which
 * would also heal the registry, only every 10 minutes.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostPushE2EIT {

    private static final Duration SWEEP = Duration.ofSeconds(2);

    private ChatCluster cluster;
    private Accounts accounts;

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8), true, List.of(
                "--chat.ws-handler.messaging.sweep-interval=" + SWEEP.toSeconds() + "s",
                "--chat.ws-handler.reconcile-interval=10m"));
        accounts = new Accounts(cluster.userService.baseUri());
    }

    @AfterAll
    void stopServices() {
        cluster.close();
    }

    @Test
    void aMessageWhosePushFoundNobodyArrivesByTheNextSweepAndIdleInboxesAreNotRead() throws Exception {
        try (ChatClient alice = ChatClient.online(accounts, cluster.handler1); ChatClient bob = ChatClient.online(accounts, cluster.handler2);
                ChatClient idle = ChatClient.online(accounts, cluster.handler2)) {
            double readBefore = sweeps(cluster.handler2, "read");
            double skippedBefore = sweeps(cluster.handler2, "skipped");
            // The registry's hash of bob's devices (platform RegistryKeys, default prefix).
            assertThat(RedisCli.run("DEL", "chat:registry:user:" + bob.userId())).as("one hash deleted").isEqualTo("1");

            long sent = System.nanoTime();
            ServerFrame answer = alice.send(bob.userId(), UUID.randomUUID().toString(), "pushed to nobody");
            assertThat(answer.getBodyCase()).isEqualTo(ServerFrame.BodyCase.MESSAGE_SENT);

            bob.await(() -> bob.messages.size() == 1, "the message, through the sweep", SWEEP.multipliedBy(5));
            double seconds = (System.nanoTime() - sent) / 1e9;
            System.out.printf("e2e lost push: delivered by the sweep after %.1f s%n", seconds);
            assertThat(bob.messages).extracting(ChatMessage::getMessageId)
                    .containsExactly(answer.getMessageSent().getMessageId());

            Thread.sleep(SWEEP.multipliedBy(2).toMillis());
            assertThat(sweeps(cluster.handler2, "read") - readBefore).as("bob's inbox, read again").isPositive();
            assertThat(sweeps(cluster.handler2, "skipped") - skippedBefore).as("the idle user's, left alone")
                    .isPositive();
            assertThat(idle.messages).isEmpty();
        }
    }

    /** chat.delivery.sweeps{outcome} from the handler's Prometheus endpoint. */
    private static double sweeps(ServiceProcess handler, String outcome) {
        String metrics = Http.getRaw(handler.baseUri().resolve("/actuator/prometheus"));
        Matcher value = Pattern.compile("chat_delivery_sweeps_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
