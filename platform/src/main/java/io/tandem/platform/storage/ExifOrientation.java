package io.tandem.platform.storage;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * Cameras store photos as the sensor saw them and record in EXIF how to turn them upright. ImageIO ignores that
 * record, and re-encoding drops it, so {@link ImageResizer} applies it to the pixels instead.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private static final String JPEG_METADATA_FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final int APP1_MARKER = 0xE1;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int IFD_ENTRY_LENGTH = 12;

    private ExifOrientation() {
    }

    /** The EXIF orientation (1 to 8) of a JPEG, or {@link #UPRIGHT} when the image has none. */
    static int read(IIOMetadata metadata) {
        if (metadata == null || !JPEG_METADATA_FORMAT.equals(metadata.getNativeMetadataFormatName())) {
            return UPRIGHT;
        }
        Node markerSequence = child(metadata.getAsTree(JPEG_METADATA_FORMAT), "markerSequence");
        for (Node marker = markerSequence == null ? null : markerSequence.getFirstChild(); marker != null;
                marker = marker.getNextSibling()) {
            // ImageIO's JPEG plugin keeps segments it does not interpret, APP1 (EXIF) among them, as "unknown"
            if (marker instanceof IIOMetadataNode node
                    && "unknown".equals(node.getNodeName())
                    && String.valueOf(APP1_MARKER).equals(node.getAttribute("MarkerTag"))
                    && node.getUserObject() instanceof byte[] segment
                    && isExif(segment)) {
                return orientationFromTiff(ByteBuffer.wrap(segment, EXIF_HEADER.length,
                        segment.length - EXIF_HEADER.length).slice());
            }
        }
        return UPRIGHT;
    }

    /** Reads tag 0x0112 from the first image file directory of the TIFF structure inside the EXIF segment. */
    private static int orientationFromTiff(ByteBuffer tiff) {
        try {
            tiff.order(tiff.getShort(0) == 0x4D4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int directory = tiff.getInt(4);
            int entries = Short.toUnsignedInt(tiff.getShort(directory));
            for (int i = 0; i < entries; i++) {
                int entry = directory + 2 + i * IFD_ENTRY_LENGTH;
                if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG) {
                    int orientation = Short.toUnsignedInt(tiff.getShort(entry + 8));
                    return orientation >= 1 && orientation <= 8 ? orientation : UPRIGHT;
                }
            }
        } catch (IndexOutOfBoundsException truncated) {
            // a damaged EXIF block must not cost the image: show it as stored
        }
        return UPRIGHT;
    }

    /** Turns the pixels upright; orientations 5 to 8 swap width and height. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation == UPRIGHT) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // Each transform maps stored coordinates to upright ones, as the EXIF specification defines them.
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // turned 180°
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // mirrored along the main diagonal
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // needs a quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // mirrored along the other diagonal
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // needs a quarter turn counter-clockwise
            default -> throw new IllegalArgumentException("EXIF orientation out of range: " + orientation);
        };
        boolean swapsSides = orientation >= 5;
        BufferedImage upright = new BufferedImage(swapsSides ? h : w, swapsSides ? w : h, image.getType());
        Graphics2D graphics = upright.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return upright;
    }

    private static Node child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (name.equals(node.getNodeName())) {
                return node;
            }
        }
        return null;
    }

    private static boolean isExif(byte[] segment) {
        return segment.length > EXIF_HEADER.length
                && Arrays.equals(segment, 0, EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length);
    }
}
