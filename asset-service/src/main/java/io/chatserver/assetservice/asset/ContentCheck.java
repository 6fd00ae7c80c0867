package io.chatserver.assetservice.asset;

import org.apache.tika.Tika;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a file really is, from its bytes as they pass: its size, its SHA-256 and its media type from
 * the magic numbers at its start (Tika; never the name or the declared type). Not thread-safe: one
 * per file, fed in order.
 */
final class ContentCheck {

    /** Tika's magic patterns look at most this far in (MP4 brands and RIFF subtypes sit well inside). */
    static final int HEAD_BYTES = 64 * 1024;
    private static final Tika TIKA = new Tika();

    private final MessageDigest sha256;
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private long size;

    /** Loads Tika's type database (a parse of its XML) at startup, not on the first upload's event loop. */
    static void warmUp() {
        TIKA.detect(new byte[] {0});
        AcceptedTypes.accepts(AssetKind.IMAGE, "image/png");
    }

    ContentCheck() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    void update(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        size += view.remaining();
        if (headLength < HEAD_BYTES) {
            int n = Math.min(HEAD_BYTES - headLength, view.remaining());
            view.duplicate().get(head, headLength, n);
            headLength += n;
        }
        sha256.update(view);
    }

    void update(byte[] bytes) {
        update(ByteBuffer.wrap(bytes));
    }

    long size() {
        return size;
    }

    /** Ends the check: lowercase hex SHA-256 of everything fed. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The media type the bytes start with; application/octet-stream when nothing matches. */
    String detectedType() {
        return TIKA.detect(Arrays.copyOf(head, headLength));
    }
}
