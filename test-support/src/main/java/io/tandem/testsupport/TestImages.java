package io.tandem.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/**
 * Real images, encoded by ImageIO and made on the spot, for tests that need actual image bytes: the left half red,
 * the right half blue, so a test can tell which way an image was turned.
 */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int width, int height) {
        return encode(paint(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    public static byte[] transparentPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(255, 0, 0, 128));
        graphics.fillRect(0, 0, width / 2, height);
        graphics.dispose();
        return encode(image, "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(paint(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] gif(int width, int height) {
        return encode(paint(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    public static byte[] bmp(int width, int height) {
        return encode(paint(width, height, BufferedImage.TYPE_INT_RGB), "bmp");
    }

    /** A JPEG whose left half is red and right half blue, as a camera stores it, with an EXIF orientation. */
    public static byte[] cameraJpeg(int width, int height, int exifOrientation) {
        byte[] jpeg = jpeg(width, height);
        // Phone cameras write EXIF (APP1) instead of ImageIO's JFIF (APP0) right after the start-of-image marker.
        int jfifLength = 2 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        byte[] exif = exifSegment(exifOrientation);
        return ByteBuffer.allocate(jpeg.length - jfifLength + exif.length)
                .put(jpeg, 0, 2)
                .put(exif)
                .put(jpeg, 2 + jfifLength, jpeg.length - 2 - jfifLength)
                .array();
    }

    /** A JPEG with EXIF and then JFIF after the start-of-image marker, an order ImageIO's metadata parser rejects. */
    public static byte[] jpegWithExifBeforeJfif(int width, int height) {
        byte[] jpeg = jpeg(width, height);
        byte[] exif = exifSegment(6);
        return ByteBuffer.allocate(jpeg.length + exif.length)
                .put(jpeg, 0, 2)
                .put(exif)
                .put(jpeg, 2, jpeg.length - 2)
                .array();
    }

    /** A valid PNG header that declares {@code width} x {@code height} pixels, as a decompression bomb does. */
    public static byte[] pngDeclaring(int width, int height) {
        byte[] png = png(1, 1);
        // IHDR starts after the 8-byte signature: length (4), "IHDR" (4), width (4), height (4), ... then its CRC
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    private static byte[] exifSegment(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26)
                .put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8) // big-endian header
                .putShort((short) 1)                                                          // one IFD entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1)                       // Orientation, SHORT
                .putShort((short) orientation).putShort((short) 0)
                .putInt(0);                                                                   // no next IFD
        byte[] data = ByteBuffer.allocate(6 + tiff.capacity())
                .put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff.array()).array();
        return ByteBuffer.allocate(4 + data.length)
                .putShort((short) 0xFFE1).putShort((short) (2 + data.length)).put(data).array();
    }

    private static BufferedImage paint(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A decompression bomb: a valid grey-scale PNG of {@code width} x {@code height} black pixels. Zeros compress
     * about a thousand to one, so 15,000 x 15,000 pixels (225 MB once inflated) fit in about 220 KB.
     */
    public static byte[] pngBomb(int width, int height) {
        try {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflating = new DeflaterOutputStream(
                    compressed, new Deflater(Deflater.BEST_COMPRESSION), 64 * 1024)) {
                byte[] row = new byte[width + 1]; // filter type 0, then one byte per pixel
                for (int y = 0; y < height; y++) {
                    deflating.write(row);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(png);
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream ihdr = new DataOutputStream(header);
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.write(new byte[]{8, 0, 0, 0, 0}); // 8 bits, grey, deflate, adaptive filtering, no interlace
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
