package io.chatserver.e2e;

import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.ServerFrame;
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
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group messages (A6, R4, R5) through every service as a process: WebSocket clients on two
 * handlers, groups made over group-service's REST API, messages stored by message-service and
 * fanned out over the real Kafka. Each test uses freshly seeded users.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupMessagingE2EIT {

    private ChatCluster cluster;
    private Accounts accounts;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8), false);
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
        assertThat(answer.getMessageSent().getSeq()).isEqualTo(1);
        String messageId = answer.getMessageSent().getMessageId();

        for (ChatClient member : online.subList(1, online.size())) {
            member.awaitMessages(1);
        }
        List<ChatClient> offline = new ArrayList<>();
        for (int i = 128; i < 256; i++) {
            ChatClient member = connect(users.get(i), i % 2 == 0 ? cluster.handler1 : cluster.handler2);
            member.awaitMessages(1);
            offline.add(member);
        }
        sender.drain(Duration.ofSeconds(1));
        List<ChatClient> others = new ArrayList<>(online.subList(1, online.size()));
        others.addAll(offline);
        assertThat(others).hasSize(255);
        for (ChatClient member : others) {
            member.drain(Duration.ofMillis(20));
            assertThat(member.messages).as("at %s", member.userId()).hasSize(1);
            ChatMessage message = member.messages.get(0);
            assertThat(message.getMessageId()).isEqualTo(messageId);
            assertThat(message.getGroupId()).isEqualTo(groupId);
            assertThat(message.getConversationId()).isEqualTo("g:" + groupId);
            assertThat(message.getSenderUserId()).isEqualTo(admin.userId());
            assertThat(message.getRecipientUserId()).isEmpty();
            assertThat(message.getBody().toStringUtf8()).isEqualTo("hello, 255 of you");
        }
        assertThat(sender.messages).as("the sending device gets no copy").isEmpty();
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

        stays.awaitMessages(20);
        stays.drain(Duration.ofSeconds(1));
        assertThat(stays.messages).extracting(ChatMessage::getSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        removed.drain(Duration.ofSeconds(1));
        assertThat(removed.messages).extracting(ChatMessage::getSeq)
                .as("only messages sent before the removal answered").isSubsetOf(seqsBeforeRemoval)
                .doesNotHaveDuplicates();

        ServerFrame refused = removed.sendToGroup(groupId, UUID.randomUUID().toString(), "am I still in?");
        assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.GROUP_NOT_FOUND);
        stays.drain(Duration.ofMillis(500));
        assertThat(stays.messages).as("a refused send reaches nobody").hasSize(20);
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

        Http.Response settings = Http.request("PUT", groupUri(groupId, "/settings"),
                Map.of("onlyAdminsSend", true, "onlyAdminsEditInfo", false), admin.accessToken());
        assertThat(settings.status()).isEqualTo(200);
        assertThat(member.sendToGroup(groupId, UUID.randomUUID().toString(), "may I?").getError().getCode())
                .isEqualTo(ErrorCode.GROUP_SEND_ADMINS_ONLY);
        ServerFrame fromAdmin = adminClient.sendToGroup(groupId, UUID.randomUUID().toString(), "announcement");
        assertThat(fromAdmin.getMessageSent().getSeq()).as("refused sends used no seq").isEqualTo(1);

        member.awaitMessages(1);
        member.drain(Duration.ofMillis(500));
        assertThat(member.messages).extracting(m -> m.getBody().toStringUtf8()).containsExactly("announcement");
        stranger.drain(Duration.ofMillis(200));
        assertThat(stranger.messages).isEmpty();
    }

    private ChatClient connect(Accounts.Seeded user, ServiceProcess handler) {
        ChatClient client = ChatClient.connect(handler, user.accessToken(), WireFormat.PROTOBUF);
        clients.add(client);
        client.awaitSyncComplete();
        return client;
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
