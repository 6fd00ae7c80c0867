package io.chatserver.assetservice.asset;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Files as their formats begin, padded with random bytes to the size a test needs: the type is in
 * the first bytes (what the server reads), the rest only makes the size.
 */
public final class SampleFiles {

    private SampleFiles() {
    }

    public static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    /**
     * A small PNG whose header (IHDR) claims width x height pixels, checksum fixed so it reads as
     * valid: a decompression bomb as far as a decoder that trusts the header can tell.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer bytes = ByteBuffer.wrap(png(10, 10));
        bytes.putInt(16, width).putInt(20, height);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes.array(), 12, 17); // "IHDR" and its 13 bytes of data
        bytes.putInt(29, (int) crc.getValue());
        return bytes.array();
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpeg", width, height);
    }

    public static byte[] gif(int width, int height) {
        return image("gif", width, height);
    }

    private static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An ISO base media file (MP4, MOV, 3GP: they differ in the brand of the ftyp box). */
    public static byte[] isoMedia(String brand, int size) {
        ByteBuffer file = ByteBuffer.allocate(Math.max(size, 40));
        file.putInt(24).put(ascii("ftyp")).put(ascii(brand)).putInt(0x200).put(ascii(brand)).put(ascii("mp41"));
        file.putInt(file.capacity() - 24).put(ascii("mdat"));
        return padded(file.array(), file.position(), size);
    }

    public static byte[] mp4(int size) {
        return isoMedia("mp42", size);
    }

    public static byte[] mov(int size) {
        return isoMedia("qt  ", size);
    }

    public static byte[] threeGp(int size) {
        return isoMedia("3gp4", size);
    }

    /** Matroska: an EBML header whose DocType is "matroska". */
    public static byte[] mkv(int size) {
        byte[] header = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x93, 0x42, (byte) 0x86, (byte) 0x81, 0x01,
                0x42, (byte) 0xF7, (byte) 0x81, 0x01, 0x42, (byte) 0x82, (byte) 0x88, 'm', 'a', 't', 'r', 'o', 's', 'k', 'a'};
        return padded(Arrays.copyOf(header, Math.max(size, header.length)), header.length, size);
    }

    /** AVI: a RIFF file of form "AVI ". */
    public static byte[] avi(int size) {
        ByteBuffer file = ByteBuffer.allocate(Math.max(size, 24)).order(ByteOrder.LITTLE_ENDIAN);
        file.put(ascii("RIFF")).putInt(file.capacity() - 8).put(ascii("AVI ")).put(ascii("LIST")).putInt(4).put(ascii("hdrl"));
        return padded(file.array(), file.position(), size);
    }

    /** A Windows executable (MZ, then a PE header): what a file named video.mp4 may really be. */
    public static byte[] exe(int size) {
        ByteBuffer file = ByteBuffer.allocate(Math.max(size, 256)).order(ByteOrder.LITTLE_ENDIAN);
        file.put(ascii("MZ")).position(0x3c);
        file.putInt(0x80).position(0x80);
        file.put(ascii("PE")).put((byte) 0).put((byte) 0);
        return padded(file.array(), file.position(), size);
    }

    /** An Ogg stream carrying Opus, as voice notes are recorded. */
    public static byte[] opus(int size) {
        ByteBuffer file = ByteBuffer.allocate(Math.max(size, 47)).order(ByteOrder.LITTLE_ENDIAN);
        file.put(ascii("OggS")).put((byte) 0).put((byte) 2).putLong(0).putInt(1).putInt(0).putInt(0)
                .put((byte) 1).put((byte) 19).put(ascii("OpusHead")).put((byte) 1).put((byte) 1).putShort((short) 0)
                .putInt(48000).putShort((short) 0).put((byte) 0);
        return padded(file.array(), file.position(), size);
    }

    public static byte[] pdf(int size) {
        byte[] header = ascii("%PDF-1.7\n");
        return padded(Arrays.copyOf(header, Math.max(size, header.length)), header.length, size);
    }

    /** Random bytes from offset on (seeded: the same call makes the same file, for dedup tests). */
    private static byte[] padded(byte[] file, int from, int size) {
        byte[] out = Arrays.copyOf(file, Math.max(size, from));
        byte[] rest = new byte[out.length - from];
        new Random(out.length * 31L + from).nextBytes(rest);
        System.arraycopy(rest, 0, out, from, rest.length);
        return out;
    }

    /** The same file with one byte changed near its end: the same size, another SHA-256. */
    public static byte[] corrupted(byte[] file) {
        byte[] copy = file.clone();
        copy[copy.length - 1] ^= 0x5a;
        return copy;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
