package io.chatserver.e2e;

import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis restarted empty (A2, issue 3's failure cases): every key gone and every connection cut, as
 * after a restart of a Redis without persistence, and a new client connecting at once. The
 * registry rebuilds from the handlers, and a message whose push found nobody is picked up from the
 * inbox, long before the 60 s reconciliation and sweep.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLossE2EIT {

    /** Well under the periodic sweep (60 s): only the reaction to the loss can make it. */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private ChatCluster cluster;
    private Accounts accounts;
    private Registry registry;

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8));
        accounts = new Accounts(cluster.userService.baseUri());
        registry = new Registry(cluster.wsManager.baseUri());
    }

    @AfterAll
    void stopServices() {
        cluster.close();
    }

    @Test
    void afterRedisLosesEverythingTheRegistryRebuildsAndNoMessageIsLostOrDoubled() throws Exception {
        try (ChatClient alice = ChatClient.online(accounts, cluster.handler1); ChatClient bob = ChatClient.online(accounts, cluster.handler2)) {
            List<String> sent = new ArrayList<>();
            sent.add(send(alice, bob, "before"));
            bob.awaitMessages(1);

            wipeRedis();
            long wiped = System.nanoTime();
            // A client connecting right away registers on handler 2 and so creates its lease again:
            // handler 2 must still learn that the registry lost bob's session.
            ChatClient carol = ChatClient.online(accounts, cluster.handler2);
            for (int i = 0; i < 5; i++) {
                sent.add(send(alice, bob, "during " + i)); // pushed into an empty registry: nobody found
            }

            bob.await(() -> registry.handlersOf(bob.userId()).equals(List.of(cluster.handlerId(cluster.handler2)))
                            && registry.handlersOf(alice.userId()).equals(List.of(cluster.handlerId(cluster.handler1))),
                    "both sessions back in the registry", RECOVERY);
            double rebuilt = (System.nanoTime() - wiped) / 1e9;
            bob.await(() -> bob.messages.size() >= 6, "the messages sent while the registry was empty", RECOVERY);
            System.out.printf("e2e redis-loss: registry rebuilt %.1f s after the wipe, missed pushes delivered after %.1f s%n",
                    rebuilt, (System.nanoTime() - wiped) / 1e9);

            sent.add(send(alice, bob, "after")); // pushes work again: the subscription is back
            bob.awaitMessages(7);
            bob.drain(Duration.ofSeconds(1)); // time for a duplicate to show up, if one were coming
            assertThat(bob.messages).extracting(ChatMessage::getMessageId).containsExactlyElementsOf(sent);
            assertThat(bob.messages).extracting(ChatMessage::getSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            carol.close();
        }
    }

    /** Sends until stored; a refusal while Redis comes back is retried with the same id, as an app does. */
    private static String send(ChatClient from, ChatClient to, String text) throws InterruptedException {
        String clientId = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            ServerFrame answer = from.send(to.userId(), clientId, text);
            if (answer.getBodyCase() == ServerFrame.BodyCase.MESSAGE_SENT) {
                return answer.getMessageSent().getMessageId();
            }
            assertThat(attempt).as("still refused: " + answer).isLessThan(20);
            Thread.sleep(500);
        }
    }

    /** FLUSHALL, then cut every client connection (commands and pub/sub), as a restart does. */
    private static void wipeRedis() throws IOException, InterruptedException {
        RedisCli.run("FLUSHALL");
        RedisCli.run("CLIENT", "KILL", "TYPE", "pubsub");
        RedisCli.run("CLIENT", "KILL", "TYPE", "normal");
    }
}
