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
    void aPhotoStoredSidewaysIsTurnedAsItsExifOrientationSays() throws IOException {
        // 400 x 200 as stored, red in the top left corner; a phone held upright says "turn it".
        BufferedImage stored = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 100; x++) {
            for (int y = 0; y < 50; y++) {
                stored.setRGB(x, y, 0xff0000);
            }
        }
        byte[] jpeg = jpeg(stored);

        // 6: turn clockwise (big-endian EXIF, as iPhones write it): red ends up top right.
        PhotoSizes.Made right = PhotoSizes.make(withApp1(jpeg, new String(exif(true, 6), StandardCharsets.ISO_8859_1)));
        BufferedImage turned = ImageIO.read(new ByteArrayInputStream(right.photo()));
        assertThat(turned.getWidth()).isEqualTo(200);
        assertThat(turned.getHeight()).isEqualTo(400);
        assertThat(right.width()).as("as shown").isEqualTo(200);
        assertThat(red(turned.getRGB(190, 10))).isTrue();
        assertThat(red(turned.getRGB(10, 10))).isFalse();

        // 8: turn counter-clockwise (little-endian, as many Android phones write it): red bottom left.
        BufferedImage left = ImageIO.read(new ByteArrayInputStream(PhotoSizes.make(withApp1(jpeg, new String(exif(false, 8), StandardCharsets.ISO_8859_1))).photo()));
        assertThat(left.getWidth()).isEqualTo(200);
        assertThat(red(left.getRGB(10, 390))).isTrue();

        // 3: upside down: red bottom right, not turned.
        BufferedImage upsideDown = ImageIO.read(new ByteArrayInputStream(PhotoSizes.make(withApp1(jpeg, new String(exif(true, 3), StandardCharsets.ISO_8859_1))).photo()));
        assertThat(upsideDown.getWidth()).isEqualTo(400);
        assertThat(red(upsideDown.getRGB(390, 190))).isTrue();
    }

    @Test
    void aBrokenExifSegmentIsReadAsNoOrientation() throws IOException {
        byte[] jpeg = jpeg(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB));
        byte[] cut = java.util.Arrays.copyOf(exif(true, 6), 14); // the IFD cut off
        byte[] farOffset = exif(true, 6);
        farOffset[13] = (byte) 0xff; // IFD0 offset past the segment

        assertThat(ExifOrientation.of(withApp1(jpeg, new String(cut, StandardCharsets.ISO_8859_1)))).isEqualTo(1);
        assertThat(ExifOrientation.of(withApp1(jpeg, new String(farOffset, StandardCharsets.ISO_8859_1)))).isEqualTo(1);
        assertThat(ExifOrientation.of("not a jpeg".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(PhotoSizes.make(withApp1(jpeg, new String(cut, StandardCharsets.ISO_8859_1))).width()).isEqualTo(40);
    }

    private static boolean red(int rgb) {
        return (rgb >> 16 & 0xff) > 200 && (rgb >> 8 & 0xff) < 60 && (rgb & 0xff) < 60;
    }

    /** "Exif\0\0" and a TIFF header whose IFD0 holds only the orientation tag. */
    private static byte[] exif(boolean bigEndian, int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4)
                .order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("Exif".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0).put((byte) 0);
        b.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
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
