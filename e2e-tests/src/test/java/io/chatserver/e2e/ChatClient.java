package io.chatserver.e2e;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.Ack;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ClientFrame;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.MarkRead;
import io.chatserver.protocol.v1.MarkViewed;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.SendMessage;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Typing;
import io.chatserver.protocol.v1.TypingIndicator;
import io.chatserver.protocol.v1.SyncRequest;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.ServiceProcess;
import io.chatserver.testsupport.TestWebSocketClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A messaging client as an app would write it: files every frame it receives (messages, receipts,
 * answers by request id), acknowledges messages and receipts as they arrive when autoAck is on (an
 * ack refused with the retryable 2004 goes again a moment later), and keeps everything it ever
 * received so tests can check order and duplicates.
 */
final class ChatClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration ACK_RETRY_PAUSE = Duration.ofMillis(300);

    private final TestWebSocketClient socket;
    final ServerFrame welcome;
    final List<ChatMessage> messages = new ArrayList<>();
    final List<Receipt> receipts = new ArrayList<>();
    final List<ServerFrame> syncCompletes = new ArrayList<>();
    final List<TypingIndicator> typing = new ArrayList<>();
    private final Map<String, ServerFrame> answers = new HashMap<>();
    private boolean autoAck = true;
    private int acks;
    /** Automatic acks not answered yet, by request id. */
    private final Map<String, String> autoAcks = new HashMap<>();
    /** Ids whose automatic ack was refused as retryable, and when to send it again (System.nanoTime). */
    private final Map<String, Long> acksToRepeat = new HashMap<>();
    int repeatedAcks;

    private ChatClient(TestWebSocketClient socket) {
        this.socket = socket;
        this.welcome = socket.awaitFrame(ServerFrame.BodyCase.WELCOME, WAIT);
    }

    /** A new user, connected to that handler over protobuf, its first sync done. */
    static ChatClient online(Accounts accounts, ServiceProcess handler) {
        Accounts.Device device = accounts.registerNew();
        ChatClient client = connect(handler, accounts.token(device), WireFormat.PROTOBUF);
        client.awaitSyncComplete();
        return client;
    }

    static ChatClient connect(ServiceProcess handler, String token, WireFormat format) {
        return new ChatClient(TestWebSocketClient.connect(ChatCluster.wsUri(handler), token, format));
    }

    ChatClient manualAck() {
        autoAck = false;
        return this;
    }

    String userId() {
        return welcome.getWelcome().getUserId();
    }

    /** Sends and waits for the answer (MessageSent or Error). */
    ServerFrame send(String recipient, String clientMessageId, String text) {
        sendNoWait(recipient, clientMessageId, text);
        return awaitAnswer(clientMessageId);
    }

    void sendNoWait(String recipient, String clientMessageId, String text) {
        sendNoWait(text(clientMessageId, text).setRecipientUserId(recipient));
    }

    /** Sends to a group and waits for the answer (MessageSent or Error). */
    ServerFrame sendToGroup(String groupId, String clientMessageId, String text) {
        sendNoWait(text(clientMessageId, text).setGroupId(groupId));
        return awaitAnswer(clientMessageId);
    }

    void sendToGroupNoWait(String groupId, String clientMessageId, String text) {
        sendNoWait(text(clientMessageId, text).setGroupId(groupId));
    }

    /** Sends any message (the request id is its client message id) and waits for the answer. */
    ServerFrame send(SendMessage.Builder message) {
        sendNoWait(message);
        return awaitAnswer(message.getClientMessageId());
    }

    private void sendNoWait(SendMessage.Builder message) {
        socket.send(ClientFrame.newBuilder().setRequestId(message.getClientMessageId()).setSendMessage(message).build());
    }

    /** A text message with a fresh client message id, addressed by the caller. */
    static SendMessage.Builder text(String text) {
        return text(UUID.randomUUID().toString(), text);
    }

    private static SendMessage.Builder text(String clientMessageId, String text) {
        return SendMessage.newBuilder()
                .setClientMessageId(clientMessageId)
                .setContentType("text/plain")
                .setBody(ByteString.copyFrom(text, StandardCharsets.UTF_8));
    }

    void sendRaw(ClientFrame frame) {
        socket.send(frame);
    }

    ServerFrame ack(String requestId, List<String> ids) {
        socket.send(ClientFrame.newBuilder().setRequestId(requestId)
                .setAck(Ack.newBuilder().addAllIds(ids)).build());
        return awaitAnswer(requestId);
    }

    ServerFrame markRead(String conversationId, long upToSeq) {
        String requestId = "read-" + UUID.randomUUID();
        socket.send(ClientFrame.newBuilder().setRequestId(requestId)
                .setMarkRead(MarkRead.newBuilder().setConversationId(conversationId).setUpToSeq(upToSeq)).build());
        return awaitAnswer(requestId);
    }

    ServerFrame markViewed(String conversationId, long seq) {
        String requestId = "viewed-" + UUID.randomUUID();
        socket.send(ClientFrame.newBuilder().setRequestId(requestId)
                .setMarkViewed(MarkViewed.newBuilder().setConversationId(conversationId).setSeq(seq)).build());
        return awaitAnswer(requestId);
    }

    ServerFrame sync() {
        String requestId = "sync-" + UUID.randomUUID();
        socket.send(ClientFrame.newBuilder().setRequestId(requestId).setSync(SyncRequest.getDefaultInstance()).build());
        return awaitAnswer(requestId);
    }

    /** Sends a Typing frame and returns the answer (Ok or Error). */
    ServerFrame typing(String requestId, Typing.Builder typing) {
        socket.send(ClientFrame.newBuilder().setRequestId(requestId).setTyping(typing).build());
        return awaitAnswer(requestId);
    }

    ServerFrame awaitAnswer(String requestId) {
        await(() -> answers.containsKey(requestId), "an answer to " + requestId);
        return answers.remove(requestId);
    }

    void awaitMessages(int count) {
        await(() -> messages.size() >= count, count + " messages");
    }

    void awaitReceipts(int count) {
        await(() -> receipts.size() >= count, count + " receipts");
    }

    void awaitSyncComplete() {
        await(() -> !syncCompletes.isEmpty(), "SyncComplete");
    }

    /** Reads frames for a while and files them; for checking that nothing more arrives. */
    void drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(50));
        }
    }

    void await(BooleanSupplier condition, String what) {
        await(condition, what, WAIT);
    }

    void await(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout + " (so far " + messages.size()
                        + " messages, " + receipts.size() + " receipts)");
            }
            poll(Duration.ofMillis(100));
        }
    }

    TestWebSocketClient.Close awaitClose() {
        return socket.awaitClose(WAIT);
    }

    private void poll(Duration timeout) {
        repeatDueAcks();
        ServerFrame frame;
        try {
            frame = socket.awaitFrame(timeout);
        } catch (AssertionError nothingYet) {
            return;
        }
        switch (frame.getBodyCase()) {
            case MESSAGE -> {
                messages.add(frame.getMessage());
                if (autoAck) {
                    autoAck(frame.getMessage().getMessageId());
                }
            }
            case RECEIPT -> {
                receipts.add(frame.getReceipt());
                if (autoAck) {
                    autoAck(frame.getReceipt().getReceiptId());
                }
            }
            case TYPING -> typing.add(frame.getTyping());
            case SYNC_COMPLETE -> {
                if (frame.getRequestId().isEmpty()) {
                    syncCompletes.add(frame);
                } else {
                    answers.put(frame.getRequestId(), frame);
                }
            }
            default -> {
                if (!frame.getRequestId().startsWith("auto-ack-")) {
                    answers.put(frame.getRequestId(), frame);
                    return;
                }
                String id = autoAcks.remove(frame.getRequestId());
                if (frame.hasError() && frame.getError().getCode() == ErrorCode.MESSAGE_STORE_UNAVAILABLE) {
                    acksToRepeat.put(id, System.nanoTime() + ACK_RETRY_PAUSE.toNanos());
                } else if (frame.hasError()) {
                    throw new AssertionError("an automatic ack was refused: " + frame);
                }
            }
        }
    }

    private void autoAck(String id) {
        String requestId = "auto-ack-" + (++acks);
        autoAcks.put(requestId, id);
        socket.send(ClientFrame.newBuilder().setRequestId(requestId).setAck(Ack.newBuilder().addIds(id)).build());
    }

    private void repeatDueAcks() {
        long now = System.nanoTime();
        List<String> due = acksToRepeat.entrySet().stream().filter(entry -> entry.getValue() <= now)
                .map(Map.Entry::getKey).toList();
        due.forEach(id -> {
            acksToRepeat.remove(id);
            repeatedAcks++;
            autoAck(id);
        });
    }

    @Override
    public void close() {
        socket.close();
    }
}
