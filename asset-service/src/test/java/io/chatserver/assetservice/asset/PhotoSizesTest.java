package io.chatserver.assetservice.asset;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoSizesTest {

    @Test
    void aLargePhotoIsMadeIntoTwoJpegsOfAtMost640And160PixelsKeepingItsShape() throws IOException {
        PhotoSizes.Made made = PhotoSizes.make(png(new BufferedImage(3000, 1500, BufferedImage.TYPE_INT_RGB)));

        assertThat(made.width()).isEqualTo(3000);
        assertThat(made.height()).isEqualTo(1500);
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(made.photo()));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(made.thumbnail()));
        assertThat(photo.getWidth()).isEqualTo(640);
        assertThat(photo.getHeight()).isEqualTo(320);
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(80);
        assertThat(made.photo()[0] & 0xff).as("JPEG").isEqualTo(0xff);
        assertThat(made.photo()[1] & 0xff).isEqualTo(0xd8);
    }

    @Test
    void aSmallPhotoIsNotEnlargedAndTransparencyBecomesWhite() throws IOException {
        BufferedImage clear = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB); // all transparent
        PhotoSizes.Made made = PhotoSizes.make(png(clear));

        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(made.photo()));
        assertThat(photo.getWidth()).isEqualTo(100);
        assertThat(photo.getHeight()).isEqualTo(50);
        assertThat(photo.getRGB(50, 25) & 0xffffff).isGreaterThan(0xf0f0f0);
    }

    @Test
    void nothingOfTheOriginalsMetadataIsKept() throws IOException {
        byte[] jpeg = jpeg(new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB));
        byte[] withExif = withApp1(jpeg, "Exif\0\0GPS 52.52N 13.40E");
        assertThat(new String(withExif, StandardCharsets.ISO_8859_1)).contains("GPS 52.52N");

        PhotoSizes.Made made = PhotoSizes.make(withExif);

        assertThat(new String(made.photo(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPS");
        assertThat(new String(made.thumbnail(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
    }

    @Test
    void aPictureClaimingTooManyPixelsIsRefusedBeforeItIsDecoded() throws IOException {
        byte[] bomb = SampleFiles.pngClaiming(30_000, 30_000);

        assertThatThrownBy(() -> PhotoSizes.make(bomb)).isInstanceOfSatisfying(ChatException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ASSET_IMAGE_UNREADABLE);
            assertThat(e.getMessage()).contains("30000 x 30000");
        });
    }

    @Test
    void aPictureOfFewPixelsButAHugeWidthIsRefusedToo() {
        // 50,000,000 x 1: within a pixel budget, but a PNG decoder holds a whole row (1.2 GB at 16-bit RGBA).
        for (byte[] thin : new byte[][] {SampleFiles.pngClaiming(50_000_000, 1), SampleFiles.pngClaiming(1, 20_000)}) {
            assertThatThrownBy(() -> PhotoSizes.make(thin)).isInstanceOfSatisfying(ChatException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.ASSET_IMAGE_UNREADABLE));
        }
    }

    @Test
    void bytesThatAreNoPictureOrACutOffOneAreRefused() throws IOException {
        byte[] png = png(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB));
        byte[] cut = java.util.Arrays.copyOf(png, 60);

        for (byte[] bad : new byte[][] {"not a picture".getBytes(StandardCharsets.UTF_8), cut, new byte[0]}) {
            assertThatThrownBy(() -> PhotoSizes.make(bad)).isInstanceOfSatisfying(ChatException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.ASSET_IMAGE_UNREADABLE));
        }
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** An APP1 segment right after the JPEG's SOI marker, as a camera writes its EXIF. */
    private static byte[] withApp1(byte[] jpeg, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + data.length);
        out.put(jpeg, 0, 2).put((byte) 0xff).put((byte) 0xe1).putShort((short) (data.length + 2)).put(data);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

}
