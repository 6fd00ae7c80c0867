package io.chatserver.e2e;

import com.google.protobuf.ByteString;
import io.chatserver.protocol.WireFormat;
import io.chatserver.protocol.v1.Attachment;
import io.chatserver.protocol.v1.ChatMessage;
import io.chatserver.protocol.v1.ErrorCode;
import io.chatserver.protocol.v1.Receipt;
import io.chatserver.protocol.v1.ReceiptType;
import io.chatserver.protocol.v1.ServerFrame;
import io.chatserver.testsupport.Accounts;
import io.chatserver.testsupport.Http;
import io.chatserver.testsupport.LocalStack;
import io.chatserver.testsupport.RepoRoot;
import io.chatserver.testsupport.RequiresLocalStack;
import io.chatserver.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media end to end (A8, R8, R9, R26): a file uploaded to asset-service, sent with a message over
 * the WebSocket, and fetched by its recipient and by nobody else; a send naming a file the sender
 * may not send is refused before anything is stored. All processes packaged, the servers real.
 */
@RequiresLocalStack({LocalStack.REDIS, LocalStack.MARIADB, LocalStack.CASSANDRA, LocalStack.KAFKA, LocalStack.S3PROXY})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaE2EIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ChatCluster cluster;
    private ServiceProcess assets;
    private Accounts accounts;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    void startServices() {
        cluster = new ChatCluster(UUID.randomUUID().toString().substring(0, 8), false);
        startAssetService();
        accounts = new Accounts(cluster.userService.baseUri());
    }

    /** Where user-service and message-service look for it (again after a test stopped it). */
    private void startAssetService() {
        assets = ServiceProcess.start(RepoRoot.find(), "asset-service", "asset-service", cluster.assetServicePort, List.of(
                "--chat.security.jwks-uri=" + cluster.userService.baseUri() + "/.well-known/jwks.json"));
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
    }

    @AfterAll
    void stopServices() {
        if (assets != null) {
            assets.close();
        }
        cluster.close();
    }

    @Test
    void aPhotoSentToBobIsHisToFetchAndNobodyElses() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(3);
        ChatClient alice = connect(users.get(0), cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        byte[] photo = png(64, 48);
        String asset = upload(users.get(0), "IMAGE", "image/png", photo);
        Attachment attachment = Attachment.newBuilder().setAssetId(asset).setWidth(64).setHeight(48)
                .setThumbnail(ByteString.copyFrom(png(8, 6))).build();

        ServerFrame sent = alice.send(ChatClient.text("look").setRecipientUserId(bob.userId()).addAttachments(attachment));

        assertThat(sent.hasMessageSent()).as("%s", sent).isTrue();
        bob.awaitMessages(1);
        ChatMessage received = bob.messages.get(0);
        assertThat(received.getAttachmentsList()).containsExactly(attachment);
        Http.Response bobs = Http.get(assetUri(asset), users.get(1).accessToken());
        assertThat(bobs.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        String url = (String) ((Map<String, Object>) bobs.body().get("download")).get("url");
        assertThat(fetch(url)).isEqualTo(photo);
        Http.Response carols = Http.get(assetUri(asset), users.get(2).accessToken());
        assertThat(carols.status()).isEqualTo(404);
        assertThat(carols.body().get("code")).isEqualTo(2203);
    }

    @Test
    void aPhotoSentToAGroupIsItsMembersToFetch() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(3);
        ChatClient alice = connect(users.get(0), cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        Http.Response group = Http.request("POST", cluster.groupService.baseUri().resolve("/v1/groups"),
                Map.of("subject", "Photos", "members", List.of(bob.userId())), users.get(0).accessToken());
        assertThat(group.status()).as("%s", group.body()).isEqualTo(201);
        String asset = upload(users.get(0), "IMAGE", "image/png", png(20, 30));

        ServerFrame sent = alice.send(ChatClient.text("for the group").setGroupId(group.text("groupId"))
                .addAttachments(Attachment.newBuilder().setAssetId(asset)));

        assertThat(sent.hasMessageSent()).as("%s", sent).isTrue();
        bob.await(() -> bob.messages.stream().anyMatch(m -> m.getAttachmentsCount() == 1), "the group photo");
        assertThat(Http.get(assetUri(asset), users.get(1).accessToken()).status()).as("a member").isEqualTo(200);
        assertThat(Http.get(assetUri(asset), users.get(2).accessToken()).status()).as("not a member").isEqualTo(404);
    }

    @Test
    void aSendNamingAFileTheSenderMayNotSendIsRefusedAndNothingArrives() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(3);
        ChatClient alice = connect(users.get(0), cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        String carols = upload(users.get(2), "IMAGE", "image/png", png(10, 10));
        byte[] pending = png(11, 10);
        String notUploaded = announce(users.get(0), "IMAGE", "image/png", pending);
        String alices = upload(users.get(0), "IMAGE", "image/png", png(12, 10));

        assertRefused(alice, bob, Attachment.newBuilder().setAssetId(carols), ErrorCode.ASSET_NOT_FOUND);
        assertRefused(alice, bob, Attachment.newBuilder().setAssetId(UUID.randomUUID().toString()), ErrorCode.ASSET_NOT_FOUND);
        assertRefused(alice, bob, Attachment.newBuilder().setAssetId(notUploaded), ErrorCode.ASSET_NOT_READY);
        assertRefused(alice, bob, Attachment.newBuilder().setAssetId(alices)
                .setThumbnail(ByteString.copyFrom(new byte[8 * 1024 + 1])), ErrorCode.MESSAGE_THUMBNAIL_TOO_LARGE);

        bob.drain(Duration.ofSeconds(1));
        assertThat(bob.messages).as("nothing stored, nothing delivered").isEmpty();
        assertThat(Http.get(assetUri(carols), users.get(1).accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aViewOnceVoiceNoteIsFetchedOnceAndCannotBeForwarded() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(3);
        ChatClient alice = connect(users.get(0), cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        String voice = upload(users.get(0), "AUDIO", "audio/ogg", opus(20_000));
        Attachment attachment = Attachment.newBuilder().setAssetId(voice).setViewOnce(true).setDurationMs(4_200)
                .setWaveform(ByteString.copyFrom(new byte[] {0, 12, 80, 120, 40, 3})).build();

        assertThat(alice.send(ChatClient.text("").setContentType("audio/ogg").setRecipientUserId(bob.userId())
                .addAttachments(attachment)).hasMessageSent()).isTrue();
        bob.awaitMessages(1);

        assertThat(bob.messages.get(0).getAttachments(0).getWaveform()).isEqualTo(attachment.getWaveform());
        assertThat(Http.get(assetUri(voice), users.get(1).accessToken()).status()).isEqualTo(200);
        Http.Response again = Http.get(assetUri(voice), users.get(1).accessToken());
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body().get("code")).isEqualTo(2208);
        ServerFrame forward = bob.send(ChatClient.text("fwd").setRecipientUserId(users.get(2).userId())
                .addAttachments(attachment.toBuilder().setViewOnce(false)));
        assertThat(forward.getError().getCode()).isEqualTo(ErrorCode.AUTH_FORBIDDEN);

        // Played: alice learns it once, however often bob's app says so.
        ChatMessage note = bob.messages.get(0);
        assertThat(bob.markViewed(note.getConversationId(), note.getSeq()).hasOk()).isTrue();
        alice.await(() -> alice.receipts.stream().anyMatch(r -> r.getType() == ReceiptType.VIEWED), "VIEWED");
        Receipt viewed = alice.receipts.stream().filter(r -> r.getType() == ReceiptType.VIEWED).findFirst().orElseThrow();
        assertThat(viewed.getFromUserId()).isEqualTo(bob.userId());
        assertThat(viewed.getSeqsList()).containsExactly(note.getSeq());
        assertThat(bob.markViewed(note.getConversationId(), note.getSeq()).hasOk()).isTrue();
        alice.drain(Duration.ofSeconds(1));
        assertThat(alice.receipts.stream().filter(r -> r.getType() == ReceiptType.VIEWED)).hasSize(1);
    }

    @Test
    void aViewOncePhotoInAGroupIsMarkedViewedForItsSenderOnly() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(3);
        ChatClient alice = connect(users.get(0), cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        ChatClient carol = connect(users.get(2), cluster.handler1);
        Http.Response group = Http.request("POST", cluster.groupService.baseUri().resolve("/v1/groups"),
                Map.of("subject", "Once", "members", List.of(bob.userId(), carol.userId())), users.get(0).accessToken());
        assertThat(group.status()).as("%s", group.body()).isEqualTo(201);
        String asset = upload(users.get(0), "IMAGE", "image/png", png(21, 30));
        ServerFrame sent = alice.send(ChatClient.text("").setContentType("image/png").setGroupId(group.text("groupId"))
                .addAttachments(Attachment.newBuilder().setAssetId(asset).setViewOnce(true)));
        assertThat(sent.hasMessageSent()).as("%s", sent).isTrue();
        String conversation = sent.getMessageSent().getConversationId();
        long seq = sent.getMessageSent().getSeq();
        bob.await(() -> bob.messages.stream().anyMatch(m -> m.getSeq() == seq), "the photo");

        assertThat(alice.markViewed(conversation, seq).getError().getCode()).as("her own")
                .isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
        assertThat(seq).as("after the group's creation notice").isGreaterThan(1);
        assertThat(bob.markViewed(conversation, seq - 1).getError().getCode()).as("a notice, no file")
                .isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
        assertThat(bob.markViewed(conversation, seq + 1).getError().getCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(bob.markViewed(conversation, seq).hasOk()).isTrue();

        alice.await(() -> alice.receipts.stream().anyMatch(r -> r.getType() == ReceiptType.VIEWED), "VIEWED");
        assertThat(alice.receipts.stream().filter(r -> r.getType() == ReceiptType.VIEWED).findFirst().orElseThrow()
                .getFromUserId()).isEqualTo(bob.userId());
        carol.drain(Duration.ofSeconds(1));
        assertThat(carol.receipts.stream().filter(r -> r.getType() == ReceiptType.VIEWED))
                .as("the other members are not told").isEmpty();
    }

    @Test
    void aRetryOfAStoredMessageIsAnsweredWhileAssetServiceIsDownAndANewOneIsRefusedRetryably() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(2);
        ChatClient alice = connect(users.get(0), cluster.handler1);
        ChatClient bob = connect(users.get(1), cluster.handler2);
        String asset = upload(users.get(0), "IMAGE", "image/png", png(13, 10));
        var message = ChatClient.text("once").setRecipientUserId(bob.userId())
                .addAttachments(Attachment.newBuilder().setAssetId(asset));
        ServerFrame first = alice.send(message);
        assertThat(first.hasMessageSent()).as("%s", first).isTrue();
        assets.close();
        try {
            ServerFrame retry = alice.send(message);
            assertThat(retry.getMessageSent().getDuplicate()).as("%s", retry).isTrue();
            assertThat(retry.getMessageSent().getMessageId()).isEqualTo(first.getMessageSent().getMessageId());
            ServerFrame fresh = alice.send(ChatClient.text("twice").setRecipientUserId(bob.userId())
                    .addAttachments(Attachment.newBuilder().setAssetId(asset)));
            assertThat(fresh.getError().getCode()).isEqualTo(ErrorCode.ASSET_STORE_UNAVAILABLE);
        } finally {
            startAssetService();
        }
        bob.awaitMessages(1);
        bob.drain(Duration.ofSeconds(1));
        assertThat(bob.messages).as("the retry delivered nothing more").hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProfilePhotoIsSetReplacedAndRemovedAndOthersSeeItAsALink() throws Exception {
        List<Accounts.Seeded> users = accounts.seed(2);
        String alice = users.get(0).accessToken();
        String bob = users.get(1).accessToken();
        URI photo = cluster.userService.baseUri().resolve("/v1/profiles/me/photo");
        URI alicesProfile = cluster.userService.baseUri().resolve("/v1/profiles/" + users.get(0).userId());
        String first = upload(users.get(0), "AVATAR", "image/png", png(900, 600));

        Http.Response set = Http.request("PUT", photo, Map.of("assetId", first), alice);
        assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
        Map<String, Object> shown = (Map<String, Object>) Http.get(alicesProfile, bob).body().get("photo");
        assertThat(shown).containsEntry("assetId", first).containsEntry("link", "/v1/profile-photos/" + first);
        Http.Response links = Http.get(assets.baseUri().resolve((String) shown.get("link")), bob);
        assertThat(links.status()).as("%s", links.body()).isEqualTo(200);
        BufferedImage large = ImageIO.read(new ByteArrayInputStream(fetch(
                (String) ((Map<String, Object>) links.body().get("photo")).get("url"))));
        assertThat(large.getWidth()).isEqualTo(640);
        assertThat(large.getHeight()).isEqualTo(427);

        String second = upload(users.get(0), "AVATAR", "image/jpeg", jpeg(700, 700));
        assertThat(Http.request("PUT", photo, Map.of("assetId", second), alice).status()).isEqualTo(200);
        assertThat((Map<String, Object>) Http.get(alicesProfile, bob).body().get("photo")).containsEntry("assetId", second);
        assertThat(Http.get(assets.baseUri().resolve("/v1/profile-photos/" + first), bob).status())
                .as("the replaced one is deleted").isEqualTo(404);
        assertThat(Http.get(assets.baseUri().resolve("/v1/assets/" + first), alice).status()).isEqualTo(404);

        String notAnAvatar = upload(users.get(0), "IMAGE", "image/png", png(50, 50));
        Http.Response refused = Http.request("PUT", photo, Map.of("assetId", notAnAvatar), alice);
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.body().get("code")).isEqualTo(2202);
        assertThat((Map<String, Object>) Http.get(alicesProfile, bob).body().get("photo"))
                .as("unchanged").containsEntry("assetId", second);

        // Removing needs asset-service to delete the file first: a removed photo is never left public.
        assets.close();
        try {
            Http.Response notYet = Http.request("DELETE", photo, null, alice);
            assertThat(notYet.status()).isEqualTo(503);
            assertThat(notYet.body().get("code")).isEqualTo(2206);
            assertThat((Map<String, Object>) Http.get(alicesProfile, bob).body().get("photo")).containsEntry("assetId", second);
        } finally {
            startAssetService();
        }
        Http.Response removed = Http.request("DELETE", photo, null, alice);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("photo")).isNull();
        assertThat(Http.get(alicesProfile, bob).body().get("photo")).isNull();
        assertThat(Http.get(assets.baseUri().resolve("/v1/profile-photos/" + second), bob).status()).isEqualTo(404);
    }

    private void assertRefused(ChatClient sender, ChatClient recipient, Attachment.Builder attachment, ErrorCode code) {
        ServerFrame answer = sender.send(ChatClient.text("x").setRecipientUserId(recipient.userId()).addAttachments(attachment));
        assertThat(answer.getError().getCode()).as("%s", answer).isEqualTo(code);
    }

    private URI assetUri(String asset) {
        return assets.baseUri().resolve("/v1/assets/" + asset);
    }

    private String announce(Accounts.Seeded user, String kind, String type, byte[] file) throws Exception {
        Http.Response announced = Http.request("POST", assets.baseUri().resolve("/v1/assets"), Map.of("kind", kind,
                "contentType", type, "size", file.length, "sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file))), user.accessToken());
        assertThat(announced.status()).as("%s", announced.body()).isEqualTo(201);
        return announced.text("assetId");
    }

    /** Announced and uploaded through asset-service in one request (small files); READY. */
    private String upload(Accounts.Seeded user, String kind, String type, byte[] file) throws Exception {
        String asset = announce(user, kind, type, file);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(assets.baseUri().resolve("/v1/assets/" + asset + "/content"))
                .header("Authorization", "Bearer " + user.accessToken()).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return asset;
    }

    private static byte[] fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private ChatClient connect(Accounts.Seeded user, ServiceProcess handler) {
        ChatClient client = ChatClient.connect(handler, user.accessToken(), WireFormat.PROTOBUF);
        clients.add(client);
        client.awaitSyncComplete();
        return client;
    }

    private static byte[] png(int width, int height) throws IOException {
        return image("png", width, height);
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        return image("jpeg", width, height);
    }

    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** An Ogg page holding an Opus head, as a voice note begins; zeros after it. */
    private static byte[] opus(int size) {
        byte[] file = new byte[size];
        byte[] head = {'O', 'g', 'g', 'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19,
                'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 1, 0, 0, (byte) 0x80, (byte) 0xbb, 0, 0, 0, 0, 0};
        System.arraycopy(head, 0, file, 0, head.length);
        return file;
    }
}
