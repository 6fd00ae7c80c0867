package io.chatserver.assetservice.asset;

import java.awt.image.BufferedImage;

/**
 * A JPEG's EXIF orientation (tag 0x0112): phones store a portrait photo's pixels sideways and say
 * how to turn them. Re-encoding drops that tag, so the turn is applied to the pixels instead. Read
 * from the bytes with every offset checked; anything malformed or missing is "as stored" (1).
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** 1 (as stored) to 8, from the first APP1 "Exif" segment before the image data. */
    static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return 1;
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            int length = u16(jpeg, at + 2, false);
            if (marker == 0xda || length < 2 || at + 2 + length > jpeg.length) {
                return 1; // the image data starts (or the segment is cut): no EXIF before it
            }
            if (marker == 0xe1 && length >= 8 && startsWithExif(jpeg, at + 4)) {
                return inTiff(jpeg, at + 10, at + 2 + length);
            }
            at += 2 + length;
        }
        return 1;
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0 && b[at + 5] == 0;
    }

    /** The orientation in IFD0 of the TIFF structure in {@code [start, end)}. */
    private static int inTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return 1;
        }
        boolean little = b[start] == 'I' && b[start + 1] == 'I';
        if (!little && !(b[start] == 'M' && b[start + 1] == 'M')) {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) (start + ifd), little);
        int first = (int) (start + ifd + 2);
        for (int i = 0; i < entries && first + 12 * (i + 1) <= end; i++) {
            int entry = first + 12 * i;
            if (u16(b, entry, little) == ORIENTATION_TAG && u16(b, entry + 2, little) == 3) { // SHORT
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }

    /** The image as it is meant to be seen: turned and mirrored as {@code orientation} says. */
    static BufferedImage applied(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swapped = orientation >= 5;
        BufferedImage out = new BufferedImage(swapped ? h : w, swapped ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                switch (orientation) {
                    case 2 -> out.setRGB(w - 1 - x, y, rgb);
                    case 3 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case 4 -> out.setRGB(x, h - 1 - y, rgb);
                    case 5 -> out.setRGB(y, x, rgb);
                    case 6 -> out.setRGB(h - 1 - y, x, rgb);
                    case 7 -> out.setRGB(h - 1 - y, w - 1 - x, rgb);
                    default -> out.setRGB(y, w - 1 - x, rgb); // 8
                }
            }
        }
        return out;
    }
}
