package io.chatserver.e2e;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.Ack;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RepoRoot;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.ServiceProcess;
import io.chatserver.testsupport.TestWebSocketClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-to-one messaging throughput and latency between online users on two handlers, persistence on
 * (every message stored in Cassandra before "sent", acknowledged, DELIVERED receipts written). Not a
 * test: it prints numbers. Run it with {@code ./chat bench} (docs/performance.md has the results).
 * Bounded: {@code bench.pairs} pairs each send {@code bench.messages} messages, at most
 * {@code bench.window} unanswered per sender, and the run stops after 5 minutes whatever happens.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
class MessagingBenchmark {

    private static final int PAIRS = Integer.getInteger("bench.pairs", 10);
    private static final int MESSAGES = Integer.getInteger("bench.messages", 300);
    private static final int WINDOW = Integer.getInteger("bench.window", 10);
    /** Messages per pair before measuring; the JIT of ten JVMs on two cores needs minutes to settle. */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 30);
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Send time of each client message id, and when its MessageSent and its delivery arrived. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> storedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    /** Sends answered with a retryable error (2004, 1006) and sent again. */
    private final AtomicInteger refusals = new AtomicInteger();

    @Test
    void oneToOneBetweenTwoHandlers() throws Exception {
        try (ChatCluster cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8), false)) {
            Accounts accounts = new Accounts(cluster.userService.baseUri());
            List<ServiceProcess> handlers = List.of(cluster.handler1, cluster.handler2);
            List<TestWebSocketClient> senders = new ArrayList<>();
            List<TestWebSocketClient> receivers = new ArrayList<>();
            List<String> receiverIds = new ArrayList<>();
            for (int pair = 0; pair < PAIRS; pair++) {
                Accounts.Device to = accounts.registerNew();
                senders.add(connect(handlers.get(pair % 2), accounts.token(accounts.registerNew())));
                receivers.add(connect(handlers.get((pair + 1) % 2), accounts.token(to)));
                receiverIds.add(to.userId());
            }
            run(senders, receivers, receiverIds, WARM_UP); // JIT and connection pools warm up
            sentAt.clear();
            storedAt.clear();
            deliveredAt.clear();
            refusals.set(0);

            Map<String, Long> pids = ProcessCpu.stackAndSelf(RepoRoot.find());
            cluster.services().forEach(service -> pids.put(service.name(), service.pid()));
            Map<String, Double> cpuBefore = cpu(pids);
            long started = System.nanoTime();
            run(senders, receivers, receiverIds, MESSAGES);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> cpuAfter = cpu(pids);

            int total = PAIRS * MESSAGES;
            assertThat(deliveredAt).as("every message delivered").hasSize(total);
            System.out.printf("%nbench: %d pairs x %d messages (window %d, after %d per pair of warm-up), two handlers,"
                    + " Cassandra on%n", PAIRS, MESSAGES, WINDOW, WARM_UP);
            System.out.printf("bench: %d messages in %.1f s = %.0f messages/s delivered; %d sends refused"
                    + " (2004/1006) and sent again%n", total, seconds, total / seconds, refusals.get());
            System.out.println("bench: send -> MessageSent (stored) ms   " + percentiles(storedAt));
            System.out.println("bench: send -> recipient has it   ms   " + percentiles(deliveredAt));
            System.out.printf("bench: CPU over the run (%.1f s, 2 cores = %.0f core-s):%n", seconds, 2 * seconds);
            cpuBefore.forEach((name, before) -> System.out.printf("bench:   %-28s %6.1f core-s  %5.1f %%  %5.2f ms/message%n",
                    name, cpuAfter.get(name) - before, 100 * (cpuAfter.get(name) - before) / seconds,
                    1000 * (cpuAfter.get(name) - before) / total));
            double all = cpuBefore.keySet().stream().mapToDouble(name -> cpuAfter.get(name) - cpuBefore.get(name)).sum();
            System.out.printf("bench: CPU per message, all processes: %.1f ms%n", 1000 * all / total);
            senders.forEach(TestWebSocketClient::close);
            receivers.forEach(TestWebSocketClient::close);
        }
    }

    private void run(List<TestWebSocketClient> senders, List<TestWebSocketClient> receivers, List<String> receiverIds,
            int perPair) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(2 * senders.size());
        long deadline = System.nanoTime() + LIMIT.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int pair = 0; pair < senders.size(); pair++) {
            TestWebSocketClient sender = senders.get(pair);
            TestWebSocketClient receiver = receivers.get(pair);
            String recipient = receiverIds.get(pair);
            threads.add(start(() -> send(sender, recipient, perPair, deadline, done)));
            threads.add(start(() -> receive(receiver, perPair, deadline, done)));
        }
        if (!done.await(LIMIT.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
            threads.forEach(Thread::interrupt);
        }
    }

    private static Thread start(Runnable work) {
        Thread thread = new Thread(work, "bench-user");
        thread.start();
        return thread;
    }

    private void send(TestWebSocketClient socket, String recipient, int count, long deadline, CountDownLatch done) {
        try {
            int sent = 0;
            int answered = 0;
            Deque<String> again = new ArrayDeque<>();
            while (answered < count && System.nanoTime() < deadline) {
                while ((sent < count || !again.isEmpty()) && sent - again.size() - answered < WINDOW) {
                    // A refused send goes again with the same id, as an app retries; its latency counts from the first try.
                    String id = again.isEmpty() ? UUID.randomUUID().toString() : again.poll();
                    if (sentAt.putIfAbsent(id, System.nanoTime()) == null) {
                        sent++;
                    }
                    socket.send(ClientFrame.newBuilder().setRequestId(id).setSendMessage(SendMessage.newBuilder()
                            .setClientMessageId(id).setRecipientUserId(recipient).setContentType("text/plain")
                            .setBody(ByteString.copyFromUtf8("benchmark message " + id))).build());
                }
                ServerFrame frame = poll(socket);
                if (frame == null) {
                    continue;
                }
                if (frame.hasMessageSent()) {
                    if (storedAt.putIfAbsent(frame.getMessageSent().getClientMessageId(), System.nanoTime()) == null) {
                        answered++;
                    }
                } else if (frame.hasReceipt()) {
                    ack(socket, frame.getReceipt().getReceiptId());
                } else if (frame.hasError() && !frame.getRequestId().startsWith("ack")) {
                    ErrorCode code = frame.getError().getCode();
                    if (code != ErrorCode.MESSAGE_STORE_UNAVAILABLE && code != ErrorCode.RATE_LIMITED) {
                        throw new AssertionError("send refused: " + frame);
                    }
                    refusals.incrementAndGet();
                    again.add(frame.getRequestId());
                }
            }
        } finally {
            done.countDown();
        }
    }

    private void receive(TestWebSocketClient socket, int count, long deadline, CountDownLatch done) {
        try {
            int received = 0;
            while (received < count && System.nanoTime() < deadline) {
                ServerFrame frame = poll(socket);
                if (frame != null && frame.hasMessage()) {
                    if (deliveredAt.putIfAbsent(frame.getMessage().getClientMessageId(), System.nanoTime()) == null) {
                        received++;
                    }
                    ack(socket, frame.getMessage().getMessageId());
                }
            }
        } finally {
            done.countDown();
        }
    }

    private static ServerFrame poll(TestWebSocketClient socket) {
        try {
            return socket.awaitFrame(POLL);
        } catch (AssertionError nothingYet) {
            return null;
        }
    }

    private static void ack(TestWebSocketClient socket, String id) {
        socket.send(ClientFrame.newBuilder().setRequestId("ack-" + id).setAck(Ack.newBuilder().addIds(id)).build());
    }

    private static TestWebSocketClient connect(ServiceProcess handler, String token) {
        TestWebSocketClient socket = TestWebSocketClient.connect(ChatCluster.wsUri(handler), token, WireFormat.PROTOBUF);
        socket.awaitFrame(ServerFrame.BodyCase.SYNC_COMPLETE, Duration.ofSeconds(20));
        return socket;
    }

    private String percentiles(Map<String, Long> arrivals) {
        double[] millis = arrivals.entrySet().stream()
                .mapToDouble(arrival -> (arrival.getValue() - sentAt.get(arrival.getKey())) / 1e6).sorted().toArray();
        if (millis.length == 0) {
            return "(none)";
        }
        return String.format("p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%d)", at(millis, 0.50), at(millis, 0.90),
                at(millis, 0.99), millis[millis.length - 1], millis.length);
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid)));
        return seconds;
    }
}
