package io.chatserver.assetservice.asset;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ContentCheckTest {

    private static String detect(byte[] file) {
        ContentCheck check = new ContentCheck();
        check.update(file);
        return check.detectedType();
    }

    @Test
    void theTypeComesFromTheBytes() {
        assertThat(detect(SampleFiles.png(8, 8))).isEqualTo("image/png");
        assertThat(detect(SampleFiles.jpeg(8, 8))).isEqualTo("image/jpeg");
        assertThat(detect(SampleFiles.gif(8, 8))).isEqualTo("image/gif");
        assertThat(detect(SampleFiles.mp4(4096))).isEqualTo("video/mp4");
        assertThat(detect(SampleFiles.mov(4096))).isEqualTo("video/quicktime");
        assertThat(detect(SampleFiles.threeGp(4096))).isEqualTo("video/3gpp");
        assertThat(detect(SampleFiles.mkv(4096))).isIn("video/x-matroska", "application/x-matroska");
        assertThat(detect(SampleFiles.isoMedia("isom", 4096))).isIn("video/mp4", "video/quicktime"); // Android phones
        assertThat(detect(SampleFiles.avi(4096))).isEqualTo("video/x-msvideo");
        assertThat(detect(SampleFiles.opus(4096))).isIn("audio/opus", "audio/ogg", "application/ogg");
        assertThat(detect(SampleFiles.pdf(4096))).isEqualTo("application/pdf");
        assertThat(detect(SampleFiles.exe(4096))).startsWith("application/x-msdownload");
        assertThat(detect(new byte[0])).isEqualTo("application/octet-stream");
    }

    @Test
    void theVideoContainersOfR17AreAcceptedAsVideoAndAnExecutableIsNot() {
        for (byte[] video : new byte[][] {SampleFiles.mp4(4096), SampleFiles.mov(4096), SampleFiles.threeGp(4096),
                SampleFiles.mkv(4096), SampleFiles.avi(4096)}) {
            assertThat(AcceptedTypes.accepts(AssetKind.VIDEO, detect(video))).as(detect(video)).isTrue();
        }
        assertThat(AcceptedTypes.accepts(AssetKind.VIDEO, detect(SampleFiles.exe(4096)))).isFalse();
        assertThat(AcceptedTypes.accepts(AssetKind.VIDEO, detect(SampleFiles.png(8, 8)))).isFalse();
        assertThat(AcceptedTypes.accepts(AssetKind.AUDIO, detect(SampleFiles.opus(4096)))).isTrue();
        assertThat(AcceptedTypes.accepts(AssetKind.AVATAR, detect(SampleFiles.gif(8, 8)))).isFalse();
        assertThat(AcceptedTypes.accepts(AssetKind.FILE, detect(SampleFiles.exe(4096)))).isTrue();
        assertThat(AcceptedTypes.accepts(AssetKind.AUDIO, "audio/x-aac")).as("Tika's name for ADTS AAC").isTrue();
        assertThat(AcceptedTypes.accepts(AssetKind.AUDIO, "audio/aac")).as("an alias, as apps declare it").isTrue();
        assertThat(AcceptedTypes.accepts(AssetKind.AUDIO, "audio/webm")).isTrue();
        assertThat(AcceptedTypes.accepts(AssetKind.AUDIO, "audio/ogg; codecs=opus")).as("parameters dropped").isTrue();
    }

    @Test
    void sizeAndHashCoverEveryByteFedInPieces() throws Exception {
        byte[] file = SampleFiles.mp4(200_000);
        ContentCheck check = new ContentCheck();
        for (int at = 0; at < file.length; at += 7_000) {
            check.update(ByteBuffer.wrap(file, at, Math.min(7_000, file.length - at)));
        }
        assertThat(check.size()).isEqualTo(200_000);
        assertThat(check.detectedType()).isEqualTo("video/mp4");
        assertThat(check.sha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
    }
}
