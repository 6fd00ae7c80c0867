package io.chatserver.e2e;

import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.GroupChangeKind;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.protocol.v1.Typing;
import io.chatserver.protocol.v1.TypingIndicator;
import io.chatserver.protocol.v1.TypingState;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.Http;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group messages (A6, R4, R5) through every service as a process: WebSocket clients on two
 * handlers, groups made over group-service's REST API, messages stored by message-service and
 * fanned out over the real Kafka, and every change to a group a system message in it (relayed by
 * group-service over Kafka). message-service keeps history (retention "history"), so members can
 * read the group's messages back. Each test uses freshly seeded users.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupMessagingE2EIT {

    private ChatCluster cluster;
    private Accounts accounts;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8), false, List.of(),
                List.of("--chat.messaging.retention=history"));
        accounts = new Accounts(cluster.userService.baseUri());
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
    }

    @AfterAll
    void stopServices() {
        cluster.close();
    }

    @Test
    void aMessageToA256MemberGroupReachesEachOtherMemberOnceOnlineAtOnceAndOfflineOnConnect() {
        List<Accounts.Seeded> users = accounts.seed(257);
        Accounts.Seeded admin = users.get(0);
        String groupId = createGroup(admin, users.subList(1, 256));
        Http.Response over = Http.request("POST", groupUri(groupId, "/members"),
                Map.of("userIds", List.of(users.get(256).userId())), admin.accessToken());
        assertThat(over.status()).as("the 257th member").isEqualTo(409);
        assertThat(over.body().get("code")).isEqualTo(2103);

        List<ChatClient> online = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            online.add(connect(users.get(i), i % 2 == 0 ? cluster.handler1 : cluster.handler2));
        }
        ChatClient sender = online.get(0);

        ServerFrame answer = sender.sendToGroup(groupId, UUID.randomUUID().toString(), "hello, 255 of you");
        assertThat(answer.hasMessageSent()).as("answer %s", answer).isTrue();
        assertThat(answer.getMessageSent().getConversationId()).isEqualTo("g:" + groupId);
        String messageId = answer.getMessageSent().getMessageId();

        // Each member also gets the group's two system messages: CREATED, and ADDED naming the 255.
        for (ChatClient member : online.subList(1, online.size())) {
            member.awaitMessages(3);
        }
        List<ChatClient> offline = new ArrayList<>();
        for (int i = 128; i < 256; i++) {
            ChatClient member = connect(users.get(i), i % 2 == 0 ? cluster.handler1 : cluster.handler2);
            member.awaitMessages(3);
            offline.add(member);
        }
        sender.drain(Duration.ofSeconds(1));
        List<ChatClient> others = new ArrayList<>(online.subList(1, online.size()));
        others.addAll(offline);
        assertThat(others).hasSize(255);
        for (ChatClient member : others) {
            member.drain(Duration.ofMillis(20));
            assertThat(systemKinds(member)).as("at %s", member.userId())
                    .containsExactly(GroupChangeKind.CREATED, GroupChangeKind.ADDED);
            assertThat(member.messages.get(1).getGroupChange().getSubjectUserIdsCount()).isEqualTo(255);
            assertThat(member.messages).extracting(ChatMessage::getSeq).containsExactly(1L, 2L, 3L);
            assertThat(userMessages(member)).as("at %s", member.userId()).hasSize(1);
            ChatMessage message = userMessages(member).get(0);
            assertThat(message.getMessageId()).isEqualTo(messageId);
            assertThat(message.getGroupId()).isEqualTo(groupId);
            assertThat(message.getConversationId()).isEqualTo("g:" + groupId);
            assertThat(message.getSenderUserId()).isEqualTo(admin.userId());
            assertThat(message.getRecipientUserId()).isEmpty();
            assertThat(message.getBody().toStringUtf8()).isEqualTo("hello, 255 of you");
        }
        assertThat(userMessages(sender)).as("the sending device gets no copy").isEmpty();
        assertThat(systemKinds(sender)).as("but the system messages, as every device")
                .containsExactly(GroupChangeKind.CREATED, GroupChangeKind.ADDED);
    }

    @Test
    void aMemberRemovedWhileMessagesFlowGetsNothingSentAfterTheRemovalAndTheOthersGetEverythingInOrder() {
        List<Accounts.Seeded> users = accounts.seed(3);
        Accounts.Seeded admin = users.get(0);
        String groupId = createGroup(admin, users.subList(1, 3));
        ChatClient sender = connect(admin, cluster.handler1);
        ChatClient stays = connect(users.get(1), cluster.handler2);
        ChatClient removed = connect(users.get(2), cluster.handler1);

        List<String> before = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = UUID.randomUUID().toString();
            before.add(id);
            sender.sendToGroupNoWait(groupId, id, "before " + i);
        }
        Http.Response removal = Http.request("DELETE", groupUri(groupId, "/members/" + users.get(2).userId()), null,
                admin.accessToken());
        assertThat(removal.status()).isEqualTo(200);
        Set<Long> seqsBeforeRemoval = new HashSet<>();
        for (String id : before) {
            seqsBeforeRemoval.add(sender.awaitAnswer(id).getMessageSent().getSeq());
        }
        for (int i = 0; i < 10; i++) {
            assertThat(sender.sendToGroup(groupId, UUID.randomUUID().toString(), "after " + i).hasMessageSent())
                    .isTrue();
        }

        // 20 messages and 3 system messages (CREATED, ADDED, REMOVED) share the group's seqs, in order.
        stays.awaitMessages(23);
        stays.drain(Duration.ofSeconds(1));
        assertThat(stays.messages).extracting(ChatMessage::getSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 23).boxed().toList());
        assertThat(userMessages(stays)).hasSize(20);
        assertThat(systemKinds(stays)).containsExactly(GroupChangeKind.CREATED, GroupChangeKind.ADDED,
                GroupChangeKind.REMOVED);
        removed.drain(Duration.ofSeconds(1));
        assertThat(userMessages(removed)).extracting(ChatMessage::getSeq)
                .as("only messages sent before the removal answered").isSubsetOf(seqsBeforeRemoval)
                .doesNotHaveDuplicates();
        assertThat(systemKinds(removed)).as("it learns it was removed")
                .containsExactly(GroupChangeKind.CREATED, GroupChangeKind.ADDED, GroupChangeKind.REMOVED);

        ServerFrame refused = removed.sendToGroup(groupId, UUID.randomUUID().toString(), "am I still in?");
        assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.GROUP_NOT_FOUND);
        stays.drain(Duration.ofMillis(500));
        assertThat(userMessages(stays)).as("a refused send reaches nobody").hasSize(20);
    }

    @Test
    void nonMembersCannotSendAndWhenOnlyAdminsMayOthersAreRefusedWhileAdminsAreNot() {
        List<Accounts.Seeded> users = accounts.seed(3);
        Accounts.Seeded admin = users.get(0);
        String groupId = createGroup(admin, users.subList(1, 2));
        ChatClient adminClient = connect(admin, cluster.handler1);
        ChatClient member = connect(users.get(1), cluster.handler2);
        ChatClient stranger = connect(users.get(2), cluster.handler1);

        assertThat(stranger.sendToGroup(groupId, UUID.randomUUID().toString(), "let me in").getError().getCode())
                .isEqualTo(ErrorCode.GROUP_NOT_FOUND);
        assertThat(stranger.sendToGroup(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "anyone?")
                .getError().getCode()).as("a group that does not exist").isEqualTo(ErrorCode.GROUP_NOT_FOUND);

        String early = UUID.randomUUID().toString();
        long earlySeq = member.send(ChatClient.text("before the rule").setGroupId(groupId).setClientMessageId(early))
                .getMessageSent().getSeq();

        Http.Response settings = Http.request("PUT", groupUri(groupId, "/settings"),
                Map.of("onlyAdminsSend", true, "onlyAdminsEditInfo", false), admin.accessToken());
        assertThat(settings.status()).isEqualTo(200);
        assertThat(member.sendToGroup(groupId, UUID.randomUUID().toString(), "may I?").getError().getCode())
                .isEqualTo(ErrorCode.GROUP_SEND_ADMINS_ONLY);
        ServerFrame retry = member.send(ChatClient.text("before the rule").setGroupId(groupId).setClientMessageId(early));
        assertThat(retry.getMessageSent().getDuplicate()).as("a retry of a message stored before the rule: %s", retry)
                .isTrue();
        assertThat(retry.getMessageSent().getSeq()).isEqualTo(earlySeq);
        assertThat(adminClient.sendToGroup(groupId, UUID.randomUUID().toString(), "announcement").hasMessageSent())
                .isTrue();

        member.await(() -> userMessages(member).size() == 1, "the announcement");
        member.drain(Duration.ofMillis(500));
        assertThat(userMessages(member)).extracting(m -> m.getBody().toStringUtf8()).containsExactly("announcement");
        assertThat(systemKinds(member)).containsExactly(GroupChangeKind.CREATED, GroupChangeKind.ADDED,
                GroupChangeKind.SETTINGS_CHANGED);
        List<Long> others = LongStream.rangeClosed(1, 5).filter(seq -> seq != earlySeq).boxed().toList();
        assertThat(member.messages).extracting(ChatMessage::getSeq).as("refused sends used no seq")
                .containsExactlyInAnyOrderElementsOf(others);
        stranger.drain(Duration.ofMillis(200));
        assertThat(stranger.messages).isEmpty();
    }

    @Test
    void aReplyNamesAMessageOfItsGroupAndAPrivateReplyOneOfAGroupOfTheSenderAndGoesToItsAuthor() {
        List<Accounts.Seeded> users = accounts.seed(3);
        Accounts.Seeded admin = users.get(0);
        Accounts.Seeded bob = users.get(1);
        String groupId = createGroup(admin, List.of(bob));
        String otherGroupId = createGroup(admin, List.of(bob));
        ChatClient adminClient = connect(admin, cluster.handler1);
        ChatClient bobClient = connect(bob, cluster.handler2);
        ChatClient stranger = connect(users.get(2), cluster.handler1);
        String question = adminClient.send(ChatClient.text("who comes?").setGroupId(groupId))
                .getMessageSent().getMessageId();
        String elsewhere = adminClient.send(ChatClient.text("other group").setGroupId(otherGroupId))
                .getMessageSent().getMessageId();

        assertThat(bobClient.send(ChatClient.text("me").setGroupId(groupId).setReplyToId(question))
                .hasMessageSent()).isTrue();
        assertThat(bobClient.send(ChatClient.text("?").setGroupId(groupId).setReplyToId(elsewhere))
                .getError().getCode()).as("a message of another group").isEqualTo(ErrorCode.MESSAGE_REPLY_UNKNOWN);
        assertThat(bobClient.send(ChatClient.text("?").setGroupId(groupId)
                .setReplyToId("9e8d7c6b-5a49-11f0-8abc-0123456789ab")).getError().getCode())
                .as("no such message").isEqualTo(ErrorCode.MESSAGE_REPLY_UNKNOWN);

        assertThat(bobClient.send(ChatClient.text("just between us").setRecipientUserId(admin.userId())
                .setReplyToId(question).setReplyToConversationId("g:" + groupId)).hasMessageSent()).isTrue();
        assertThat(stranger.send(ChatClient.text("spy").setRecipientUserId(admin.userId())
                .setReplyToId(question).setReplyToConversationId("g:" + groupId)).getError().getCode())
                .as("not in that group").isEqualTo(ErrorCode.MESSAGE_REPLY_UNKNOWN);
        assertThat(bobClient.send(ChatClient.text("wrong person").setRecipientUserId(users.get(2).userId())
                .setReplyToId(question).setReplyToConversationId("g:" + groupId)).getError().getCode())
                .as("a private reply goes to the author").isEqualTo(ErrorCode.VALIDATION_FAILED);

        adminClient.await(() -> userMessages(adminClient).size() == 2, "the reply and the private reply");
        adminClient.drain(Duration.ofMillis(500));
        List<ChatMessage> atAdmin = userMessages(adminClient);
        assertThat(atAdmin).hasSize(2);
        ChatMessage inGroup = atAdmin.stream().filter(m -> m.getGroupId().equals(groupId)).findFirst().orElseThrow();
        assertThat(inGroup.getReplyToId()).isEqualTo(question);
        assertThat(inGroup.getReplyToSenderUserId()).isEqualTo(admin.userId());
        ChatMessage privately = atAdmin.stream().filter(m -> m.getGroupId().isEmpty()).findFirst().orElseThrow();
        assertThat(privately.getConversationId()).startsWith("d:");
        assertThat(privately.getReplyToId()).isEqualTo(question);
        assertThat(privately.getReplyToConversationId()).isEqualTo("g:" + groupId);
        assertThat(privately.getReplyToSenderUserId()).isEqualTo(admin.userId());
        stranger.drain(Duration.ofMillis(200));
        assertThat(stranger.messages).as("refused replies reach nobody").isEmpty();
    }

    @Test
    void groupReceiptsAreWatermarksTheSenderAsksForNotAReceiptPerMember() {
        List<Accounts.Seeded> users = accounts.seed(4);
        Accounts.Seeded admin = users.get(0);
        String groupId = createGroup(admin, users.subList(1, 3));
        String conversation = "g:" + groupId;
        ChatClient sender = connect(admin, cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        ChatClient carol = connect(users.get(2), cluster.handler1);
        ChatClient stranger = connect(users.get(3), cluster.handler2);
        long seq = sender.send(ChatClient.text("read me").setGroupId(groupId)).getMessageSent().getSeq();

        bob.await(() -> userMessages(bob).size() == 1, "the message at bob");
        carol.await(() -> userMessages(carol).size() == 1, "the message at carol");
        assertThat(bob.markRead(conversation, seq).hasOk()).isTrue();
        assertThat(stranger.markRead(conversation, 1).getError().getCode())
                .isEqualTo(ErrorCode.MESSAGE_CONVERSATION_UNKNOWN);
        assertThat(bob.markRead(conversation, seq + 1).getError().getCode()).as("past the last seq")
                .isEqualTo(ErrorCode.VALIDATION_FAILED);

        URI receipts = cluster.messageService.baseUri().resolve("/v1/conversations/" + conversation + "/receipts?seq=" + seq);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Http.Response info = Http.get(receipts, admin.accessToken());
        while (((Number) info.body().getOrDefault("delivered", 0)).intValue() < 2) {
            assertThat(System.nanoTime()).as("both acks counted: %s", info.body()).isLessThan(deadline);
            LockSupport.parkNanos(50_000_000);
            info = Http.get(receipts, admin.accessToken());
        }
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body()).containsEntry("read", 1).containsEntry("seq", String.valueOf(seq));
        assertThat(info.body().get("members")).asList().containsExactlyInAnyOrder(
                Map.of("userId", users.get(1).userId(), "delivered", true, "read", true),
                Map.of("userId", users.get(2).userId(), "delivered", true));

        assertThat(Http.get(receipts, users.get(1).accessToken()).body().get("code")).as("not bob's message")
                .isEqualTo(2008);
        assertThat(Http.get(receipts, users.get(3).accessToken()).body().get("code")).isEqualTo(2006);
        Map<String, Object> state = Http.get(cluster.messageService.baseUri().resolve("/v1/conversations/"
                + conversation), admin.accessToken()).body();
        assertThat(state).containsEntry("groupId", groupId).as("the sender marked nothing read").doesNotContainKey("readUpToSeq");
        assertThat(Long.parseLong((String) state.get("lastSeq"))).isGreaterThanOrEqualTo(seq);
        assertThat(Long.parseLong(String.valueOf(state.getOrDefault("readByAllUpToSeq", "0"))))
                .as("carol has not read it").isLessThan(seq);
        assertThat(Long.parseLong((String) state.get("deliveredToAllUpToSeq"))).isGreaterThanOrEqualTo(seq);

        sender.drain(Duration.ofMillis(500));
        assertThat(sender.receipts).as("no receipt per member and message").isEmpty();
        bob.drain(Duration.ofMillis(200));
        assertThat(bob.receipts).as("bob's only device: no other device to tell").isEmpty();
    }

    @Test
    void aMemberReadsWhatWasSentToThemSinceTheirMembershipBeganAndNobodyElseReadsAnything() {
        List<Accounts.Seeded> users = accounts.seed(4);
        Accounts.Seeded admin = users.get(0);
        Accounts.Seeded bob = users.get(1);
        Accounts.Seeded late = users.get(2);
        Accounts.Seeded stranger = users.get(3);
        String groupId = createGroup(admin, List.of(bob));
        ChatClient sender = connect(admin, cluster.handler1);
        // The system messages get their seqs once they come over Kafka: wait, so seqs 1 and 2 are theirs.
        sender.await(() -> systemKinds(sender).size() == 2, "CREATED and ADDED");
        List<Long> early = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            early.add(sender.sendToGroup(groupId, UUID.randomUUID().toString(), "early " + i).getMessageSent().getSeq());
        }
        addMember(admin, groupId, late);
        ChatClient latecomer = connect(late, cluster.handler2);
        latecomer.await(() -> systemKinds(latecomer).contains(GroupChangeKind.ADDED), "the latecomer is told it was added");
        long addedSeq = latecomer.messages.stream().filter(ChatMessage::hasGroupChange).findFirst().orElseThrow().getSeq();
        long lastSeq = sender.sendToGroup(groupId, UUID.randomUUID().toString(), "after").getMessageSent().getSeq();
        latecomer.await(() -> userMessages(latecomer).size() == 1, "the message after the join");

        List<Long> all = LongStream.rangeClosed(1, lastSeq).map(seq -> lastSeq + 1 - seq).boxed().toList();
        assertThat(historySeqs(groupId, admin)).containsExactlyElementsOf(all);
        assertThat(historySeqs(groupId, bob)).as("bob came in with the group's creation").containsExactlyElementsOf(all);
        assertThat(historySeqs(groupId, late)).as("from the message that added them").containsExactly(lastSeq, addedSeq);
        Http.Response page = history(groupId, bob, "?limit=3&beforeSeq=" + early.get(0));
        assertThat(page.body().get("messages")).asList().hasSize(2);
        assertThat(page.body()).as("the page reached seq 1: no next page").doesNotContainKey("nextBeforeSeq");
        assertThat(historySeqs(groupId, bob, "?limit=2&beforeSeq=9223372036854775807"))
                .as("a beforeSeq past the end reads from the last seq").containsExactly(lastSeq, addedSeq);

        String earlyId = messageIdAt(groupId, admin, early.get(0));
        URI earlyMessage = messagesUri(groupId, "/" + earlyId);
        assertThat(Http.get(earlyMessage, bob.accessToken()).status()).isEqualTo(200);
        assertThat(Http.get(earlyMessage, late.accessToken()).body().get("code")).as("from before the join")
                .isEqualTo(2008);
        assertThat(history(groupId, stranger, "").body().get("code")).isEqualTo(2006);
        assertThat(Http.get(earlyMessage, stranger.accessToken()).body().get("code")).isEqualTo(2006);

        URI receipts = cluster.messageService.baseUri()
                .resolve("/v1/conversations/g:" + groupId + "/receipts?seq=" + early.get(0));
        assertThat(Http.get(receipts, admin.accessToken()).body().get("members")).asList()
                .as("message info leaves out who came in later")
                .extracting(member -> (Object) ((Map<?, ?>) member).get("userId")).containsExactly(bob.userId());

        Http.Response removal = Http.request("DELETE", groupUri(groupId, "/members/" + late.userId()), null,
                admin.accessToken());
        assertThat(removal.status()).isEqualTo(200);
        assertThat(history(groupId, late, "").body().get("code")).as("removed: no longer a member").isEqualTo(2006);
        long whileOut = sender.sendToGroup(groupId, UUID.randomUUID().toString(), "while you were out")
                .getMessageSent().getSeq();

        // Back in: at once (before its system message has a seq) nothing is readable, then only what came since.
        addMember(admin, groupId, late);
        assertThat(historySeqs(groupId, late)).doesNotContain(whileOut).allMatch(seq -> seq > whileOut);
        latecomer.await(() -> systemKinds(latecomer).stream().filter(GroupChangeKind.ADDED::equals).count() == 2,
                "the latecomer is told it was added again");
        long back = sender.sendToGroup(groupId, UUID.randomUUID().toString(), "welcome back").getMessageSent().getSeq();
        assertThat(historySeqs(groupId, late)).as("only since the second join")
                .containsExactly(back, back - 1).allMatch(seq -> seq > whileOut);
    }

    private void addMember(Accounts.Seeded admin, String groupId, Accounts.Seeded user) {
        Http.Response added = Http.request("POST", groupUri(groupId, "/members"), Map.of("userIds", List.of(user.userId())),
                admin.accessToken());
        assertThat(added.status()).as("add: %s", added.body()).isEqualTo(200);
    }

    private String messageIdAt(String groupId, Accounts.Seeded reader, long seq) {
        return historyOf(groupId, reader, "?limit=100").stream()
                .filter(message -> Long.parseLong((String) message.get("seq")) == seq)
                .map(message -> (String) message.get("messageId")).findFirst().orElseThrow();
    }

    @Test
    void messageServiceKilledMidFanOutLosesNoCopyAndDoublesNoneOnceItIsBack() {
        int size = 64;
        int stored = 40;
        int duringOutage = 10;
        List<Accounts.Seeded> users = accounts.seed(size);
        String groupId = createGroup(users.get(0), users.subList(1, size));
        List<ChatClient> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(connect(users.get(i), i % 2 == 0 ? cluster.handler1 : cluster.handler2));
        }
        members.forEach(member -> member.awaitMessages(2)); // CREATED, ADDED
        ChatClient sender = members.get(0);
        double writtenBefore = fanoutDeliveries();
        Set<String> sent = new HashSet<>();
        for (String id : sendAll(sender, groupId, stored)) {
            ServerFrame answer = sender.awaitAnswer(id);
            assertThat(answer.hasMessageSent()).as("answer %s", answer).isTrue();
            sent.add(answer.getMessageSent().getMessageId());
        }
        // Stored and on Kafka; the fan-out (63 x 40 copies, seconds of work here) is under way.
        double written = fanoutDeliveries() - writtenBefore;
        cluster.killMessageService();
        List<String> refused = sendAll(sender, groupId, duringOutage);
        for (String id : refused) {
            assertThat(sender.awaitAnswer(id).getError().getCode()).as("sent while message-service is down")
                    .isEqualTo(ErrorCode.MESSAGE_STORE_UNAVAILABLE);
        }
        cluster.restartMessageService();
        System.out.printf("e2e group crash: message-service killed with %.0f of %d copies written%n", written,
                (size - 1) * stored);
        for (String id : refused) { // as an app does: the same client ids again
            ServerFrame answer = sender.sendToGroup(groupId, id, "through a crash " + id);
            assertThat(answer.hasMessageSent()).as("answer %s", answer).isTrue();
            sent.add(answer.getMessageSent().getMessageId());
        }

        for (ChatClient member : members.subList(1, size)) {
            member.await(() -> userMessages(member).size() >= sent.size(), sent.size() + " messages at " + member.userId(),
                    Duration.ofSeconds(120));
        }
        int repeatedAcks = 0;
        for (ChatClient member : members.subList(1, size)) {
            member.drain(Duration.ofMillis(50));
            assertThat(userMessages(member)).extracting(ChatMessage::getMessageId).as("at %s", member.userId())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
            repeatedAcks += member.repeatedAcks;
        }
        System.out.printf("e2e group crash: each of %d messages once at each of %d members; %d acks sent again"
                + " after 2004%n", sent.size(), size - 1, repeatedAcks);
        assertThat(userMessages(sender)).as("the sending device gets no copy").isEmpty();
    }

    /** Sends {@code count} group messages without waiting; their client ids. */
    private static List<String> sendAll(ChatClient sender, String groupId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            sender.sendToGroupNoWait(groupId, id, "through a crash " + id);
        }
        return ids;
    }

    /** chat.fanout.deliveries (inbox entries written by the fan-out) from message-service's Prometheus endpoint. */
    private double fanoutDeliveries() {
        String metrics = Http.getRaw(cluster.messageService.baseUri().resolve("/actuator/prometheus"));
        Matcher value = Pattern.compile("(?m)^chat_fanout_deliveries_total(?:\\{[^}]*})? (\\S+)").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private Http.Response history(String groupId, Accounts.Seeded user, String query) {
        return Http.get(messagesUri(groupId, query), user.accessToken());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> historyOf(String groupId, Accounts.Seeded user, String query) {
        Http.Response page = history(groupId, user, query);
        assertThat(page.status()).as("history: %s", page.body()).isEqualTo(200);
        return (List<Map<String, Object>>) page.body().getOrDefault("messages", List.of());
    }

    private List<Long> historySeqs(String groupId, Accounts.Seeded user) {
        return historySeqs(groupId, user, "?limit=100");
    }

    private List<Long> historySeqs(String groupId, Accounts.Seeded user, String query) {
        return historyOf(groupId, user, query).stream().map(message -> Long.parseLong((String) message.get("seq")))
                .toList();
    }

    private URI messagesUri(String groupId, String rest) {
        return URI.create(cluster.messageService.baseUri() + "/v1/conversations/g:" + groupId + "/messages" + rest);
    }

    private static List<ChatMessage> userMessages(ChatClient client) {
        return client.messages.stream().filter(message -> !message.hasGroupChange()).toList();
    }

    private static List<GroupChangeKind> systemKinds(ChatClient client) {
        return client.messages.stream().filter(ChatMessage::hasGroupChange)
                .map(message -> message.getGroupChange().getKind()).toList();
    }

    private ChatClient connect(Accounts.Seeded user, ServiceProcess handler) {
        ChatClient client = ChatClient.connect(handler, user.accessToken(), WireFormat.PROTOBUF);
        clients.add(client);
        client.awaitSyncComplete();
        return client;
    }

    @Test
    void typingReachesTheOtherParticipantsConnectedDevicesOnlyAndIsNeverStored() {
        List<Accounts.Seeded> users = accounts.seed(4);
        Accounts.Seeded alice = users.get(0);
        Accounts.Seeded bob = users.get(1);
        Accounts.Seeded carol = users.get(2);
        Accounts.Seeded dave = users.get(3); // in no group
        String groupId = createGroup(alice, List.of(bob, carol));
        ChatClient aliceClient = connect(alice, cluster.handler1);
        ChatClient bobClient = connect(bob, cluster.handler2);
        ChatClient carolClient = connect(carol, cluster.handler1);
        ChatClient daveClient = connect(dave, cluster.handler2);

        assertThat(aliceClient.typing("t1", Typing.newBuilder().setRecipientUserId(bob.userId())
                .setState(TypingState.TYPING)).hasOk()).isTrue();
        bobClient.await(() -> !bobClient.typing.isEmpty(), "a typing indicator");
        TypingIndicator direct = bobClient.typing.get(0);
        assertThat(direct.getUserId()).isEqualTo(alice.userId());
        assertThat(direct.getState()).isEqualTo(TypingState.TYPING);
        assertThat(direct.getExpiresInMs()).isEqualTo(6_000);
        assertThat(direct.getConversationId()).startsWith("d:").contains(alice.userId()).contains(bob.userId());

        assertThat(aliceClient.typing("t2", Typing.newBuilder().setGroupId(groupId)
                .setState(TypingState.RECORDING_AUDIO)).hasOk()).isTrue();
        carolClient.await(() -> !carolClient.typing.isEmpty(), "a group typing indicator");
        bobClient.await(() -> bobClient.typing.size() == 2, "a group typing indicator");
        assertThat(carolClient.typing.get(0).getConversationId()).isEqualTo("g:" + groupId);
        assertThat(carolClient.typing.get(0).getState()).isEqualTo(TypingState.RECORDING_AUDIO);
        assertThat(aliceClient.typing("t3", Typing.newBuilder().setRecipientUserId(bob.userId())
                .setState(TypingState.STOPPED)).hasOk()).isTrue();
        bobClient.await(() -> bobClient.typing.size() == 3, "STOPPED");
        assertThat(bobClient.typing.get(2).getExpiresInMs()).isZero();

        // Bad ones: refused with their numbers, nothing reaches anyone.
        assertThat(error(daveClient.typing("b1", Typing.newBuilder().setGroupId(groupId).setState(TypingState.TYPING))))
                .as("not a member").isEqualTo(2101);
        assertThat(error(daveClient.typing("b2", Typing.newBuilder().setRecipientUserId(UUID.randomUUID().toString())
                .setState(TypingState.TYPING)))).as("no such user").isEqualTo(2001);
        assertThat(error(daveClient.typing("b3", Typing.newBuilder().setRecipientUserId(dave.userId())
                .setState(TypingState.TYPING)))).as("oneself").isEqualTo(1002);
        assertThat(error(daveClient.typing("b4", Typing.newBuilder().setRecipientUserId(bob.userId()))))
                .as("no state").isEqualTo(1002);
        assertThat(error(daveClient.typing("b5", Typing.newBuilder().setRecipientUserId("bob").setState(TypingState.TYPING))))
                .as("not a UUID").isEqualTo(1002);
        int refused = 0;
        for (int i = 0; i < 8; i++) { // 2 a second, a burst of 5: some of 8 at once are refused
            ServerFrame answer = daveClient.typing("r" + i, Typing.newBuilder().setRecipientUserId(alice.userId())
                    .setState(TypingState.TYPING));
            refused += answer.hasError() && answer.getError().getCodeValue() == 1006 ? 1 : 0;
        }
        assertThat(refused).isPositive();
        aliceClient.drain(Duration.ofMillis(500));
        assertThat(aliceClient.typing).as("dave's accepted ones only").hasSize(8 - refused)
                .allMatch(indicator -> indicator.getUserId().equals(dave.userId()));
        assertThat(carolClient.typing).hasSize(1);

        // Never stored: a device that connects afterwards gets none of it.
        bobClient.close();
        ChatClient bobAgain = connect(bob, cluster.handler1);
        bobAgain.drain(Duration.ofMillis(500));
        assertThat(bobAgain.typing).isEmpty();
        assertThat(bobAgain.messages).noneMatch(message -> message.getGroupId().isEmpty());
    }

    private static int error(ServerFrame answer) {
        assertThat(answer.hasError()).as("%s", answer).isTrue();
        return answer.getError().getCodeValue();
    }

    private String createGroup(Accounts.Seeded creator, List<Accounts.Seeded> members) {
        Http.Response created = Http.request("POST", cluster.groupService.baseUri().resolve("/v1/groups"),
                Map.of("subject", "e2e group", "members", members.stream().map(Accounts.Seeded::userId).toList()),
                creator.accessToken());
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        return created.text("groupId");
    }

    private URI groupUri(String groupId, String path) {
        return cluster.groupService.baseUri().resolve("/v1/groups/" + groupId + path);
    }
}
