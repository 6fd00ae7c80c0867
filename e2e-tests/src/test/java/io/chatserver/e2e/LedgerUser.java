package io.chatserver.e2e;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.Ack;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MessageSent;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.TestWebSocketClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One user of the crash test, as a careful app behaves (A14): a sender keeps every message until
 * the server answers MessageSent and sends it again, with the same client id, after a refusal or a
 * lost connection; a receiver acknowledges what it got and dedups by server id. Either reconnects
 * to whichever handler answers. Runs on its own thread until done or its deadline.
 */
final class LedgerUser implements Runnable {

    private static final int SEND_WINDOW = 20;
    private static final Duration POLL = Duration.ofMillis(100);

    private final String token;
    private final List<Supplier<URI>> handlers;
    private final String recipient;                  // null for a receiver
    private final List<String> toSend;               // client message ids, in order
    private final int expected;
    private final long deadlineNanos;

    /** Sender: client id -> the server's answer. Receiver: server id -> the message. */
    final Map<String, MessageSent> answers = new ConcurrentHashMap<>();
    final Map<String, ChatMessage> received = new ConcurrentHashMap<>();
    /** Receiver: server ids in the order they first arrived. */
    final List<String> arrivalOrder = new ArrayList<>();
    volatile int redeliveries;
    volatile int duplicateAnswers;
    volatile int refusals;
    volatile int reconnects;
    volatile Throwable failure;

    private TestWebSocketClient socket;
    private int home;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> outstanding = new LinkedHashSet<>();
    private final Map<String, Long> retryAt = new LinkedHashMap<>();
    private int acks;

    private LedgerUser(String token, List<Supplier<URI>> handlers, int home, String recipient, List<String> toSend,
            int expected, Duration timeout) {
        this.token = token;
        this.handlers = handlers;
        this.home = home;
        this.recipient = recipient;
        this.toSend = toSend;
        this.expected = expected;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.queue.addAll(toSend);
    }

    static LedgerUser sender(String token, List<Supplier<URI>> handlers, int home, String recipient,
            List<String> clientIds, Duration timeout) {
        return new LedgerUser(token, handlers, home, recipient, clientIds, clientIds.size(), timeout);
    }

    static LedgerUser receiver(String token, List<Supplier<URI>> handlers, int home, int expected, Duration timeout) {
        return new LedgerUser(token, handlers, home, null, List.of(), expected, timeout);
    }

    static String body(String clientId) {
        return "ledger " + clientId;
    }

    boolean done() {
        return recipient == null ? received.size() >= expected : answers.size() >= expected;
    }

    @Override
    public void run() {
        try {
            while (!done()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new AssertionError("stopped before done");
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new AssertionError("not done before the deadline: " + (recipient == null
                            ? received.size() + " of " + expected + " received"
                            : answers.size() + " of " + expected + " answered"));
                }
                if (socket == null || socket.isClosed()) {
                    reconnect();
                    continue;
                }
                try {
                    sendWhatIsDue();
                    handle(socket.awaitFrame(POLL));
                } catch (AssertionError nothingYet) {
                    // no frame within POLL (or the socket just closed: the loop reconnects)
                } catch (RuntimeException lost) {
                    socket.close(); // a send on a dead connection
                }
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    private void reconnect() {
        if (socket != null) {
            reconnects++;
            socket.close();
            socket = null;
            // Whatever was waiting for an answer is sent again, in its original order.
            List<String> again = new ArrayList<>(outstanding);
            outstanding.clear();
            for (int i = again.size() - 1; i >= 0; i--) {
                queue.addFirst(again.get(i));
            }
        }
        for (int attempt = 0; attempt < handlers.size(); attempt++) {
            int index = (home + attempt) % handlers.size();
            try {
                socket = TestWebSocketClient.connect(handlers.get(index).get(), token, WireFormat.PROTOBUF);
                home = index;
                return;
            } catch (RuntimeException refused) {
                // that handler is down: try the next
            }
        }
        sleep(Duration.ofMillis(200));
    }

    private void sendWhatIsDue() {
        if (recipient == null) {
            return;
        }
        long now = System.nanoTime();
        while (outstanding.size() < SEND_WINDOW && !queue.isEmpty()) {
            String id = queue.peek();
            Long due = retryAt.get(id);
            if (due != null && due > now) {
                return;
            }
            queue.poll();
            outstanding.add(id);
            socket.send(ClientFrame.newBuilder().setRequestId(id).setSendMessage(SendMessage.newBuilder()
                    .setClientMessageId(id).setRecipientUserId(recipient).setContentType("text/plain")
                    .setBody(ByteString.copyFrom(body(id), StandardCharsets.UTF_8))).build());
        }
    }

    private void handle(ServerFrame frame) {
        switch (frame.getBodyCase()) {
            case MESSAGE_SENT -> {
                MessageSent sent = frame.getMessageSent();
                outstanding.remove(sent.getClientMessageId());
                if (sent.getDuplicate()) {
                    duplicateAnswers++;
                }
                MessageSent earlier = answers.putIfAbsent(sent.getClientMessageId(), sent);
                if (earlier != null && !earlier.getMessageId().equals(sent.getMessageId())) {
                    throw new AssertionError("stored twice: " + earlier + " and " + sent);
                }
            }
            case MESSAGE -> {
                ChatMessage message = frame.getMessage();
                if (received.putIfAbsent(message.getMessageId(), message) == null) {
                    arrivalOrder.add(message.getMessageId());
                } else {
                    redeliveries++;
                }
                ack(message.getMessageId());
            }
            case RECEIPT -> ack(frame.getReceipt().getReceiptId());
            case ERROR -> refused(frame);
            default -> {
                // Ok for acks, SyncComplete, Welcome, Pong: nothing to do
            }
        }
    }

    private void refused(ServerFrame frame) {
        String id = frame.getRequestId();
        ErrorCode code = frame.getError().getCode();
        if (!outstanding.remove(id)) {
            return; // an ack refused after a reconnect (it was delivered on the old connection): harmless
        }
        if (code != ErrorCode.RATE_LIMITED && code != ErrorCode.MESSAGE_STORE_UNAVAILABLE) {
            throw new AssertionError("send refused for good: " + frame);
        }
        refusals++;
        retryAt.put(id, System.nanoTime() + Duration.ofMillis(250).toNanos());
        queue.addFirst(id);
    }

    private void ack(String id) {
        socket.send(ClientFrame.newBuilder().setRequestId("ack-" + (++acks))
                .setAck(Ack.newBuilder().addIds(id)).build());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
