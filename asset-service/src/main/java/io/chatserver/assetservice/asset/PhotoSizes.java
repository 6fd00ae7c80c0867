package io.chatserver.assetservice.asset;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * The sizes the server makes of a profile photo (A8: it can, the photo is not encrypted). A hostile
 * file is expected: the pixel count is read from the header and checked before anything is decoded
 * (a 5 MiB PNG can claim 30,000 x 30,000 pixels, 3.6 GB once decoded), and the decoder skips rows and
 * columns so that the image held is under 2,560 px (4 x 640) on its longer side (26 MB); the
 * decoder's own buffers are bounded by the caps below. JPEG out, so nothing of the original's
 * metadata (EXIF, its GPS position) reaches other users.
 */
final class PhotoSizes {

    static final int PHOTO = 640;
    static final int THUMBNAIL = 160;
    /**
     * 25 megapixels (a phone's 12 MP photo, twice): a decoder's working memory grows with the pixels
     * (a progressive JPEG keeps all its coefficients, about 6 bytes a pixel) and with a row's width (a
     * PNG row is decoded whole), so both are capped. Apps send a profile photo cropped and smaller.
     */
    static final long MAX_PIXELS = 25_000_000L;
    static final int MAX_SIDE = 10_000;
    private static final float QUALITY = 0.85f;

    /** The two JPEGs, and the original's size as it is shown (after its EXIF orientation). */
    record Made(byte[] photo, byte[] thumbnail, int width, int height) {
    }

    private PhotoSizes() {
    }

    /** Both sizes, or 2209 for what is no readable picture (or too large a one). */
    static Made make(byte[] original) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw unreadable("no picture the server can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE
                        || (long) width * height > MAX_PIXELS) {
                    throw unreadable(width + " x " + height + " pixels; at most " + MAX_PIXELS + ", and "
                            + MAX_SIDE + " on a side, are read");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * PHOTO));
                param.setSourceSubsampling(step, step, 0, 0);
                int orientation = ExifOrientation.of(original);
                BufferedImage decoded = ExifOrientation.applied(reader.read(0, param), orientation);
                boolean turned = orientation >= 5;
                return new Made(jpeg(scaled(decoded, PHOTO)), jpeg(scaled(decoded, THUMBNAIL)),
                        turned ? height : width, turned ? width : height);
            } finally {
                reader.dispose();
            }
        } catch (OutOfMemoryError e) {
            // One allocation too large for the heap: refused, and the memory was never taken.
            throw unreadable("too large to decode here");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ChatException refusal) {
                throw refusal;
            }
            throw unreadable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** At most {@code side} px on its longer side (never enlarged), on white where it was transparent. */
    static BufferedImage scaled(BufferedImage image, int side) {
        double factor = Math.min(1.0, (double) side / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ChatException unreadable(String detail) {
        return new ChatException(ErrorCode.ASSET_IMAGE_UNREADABLE, "profile photo: " + detail);
    }
}
