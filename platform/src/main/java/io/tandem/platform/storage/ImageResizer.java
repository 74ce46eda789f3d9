package io.tandem.platform.storage;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Shrinks JPEG, PNG and GIF images so their longest side is at most {@code maxSide} pixels, keeping the aspect ratio
 * and never enlarging. Every image is re-encoded, even one already small enough: that drops its metadata (camera
 * EXIF often carries the GPS position) after turning it upright per its EXIF orientation.
 * <p>
 * An image declaring more than {@code maxSourcePixels} is refused from its header: subsampling keeps the decoded
 * pixels small, but the decoder still inflates every source pixel, and a PNG of a few hundred kilobytes can declare
 * hundreds of megapixels (seconds of CPU each).
 */
public class ImageResizer {

    private static final Set<String> READABLE_FORMATS = Set.of("jpeg", "png", "gif");

    private final int maxSide;
    private final long maxSourcePixels;

    public ImageResizer(int maxSide, long maxSourcePixels) {
        if (maxSide < 1 || maxSourcePixels < 1) {
            throw new IllegalArgumentException("maxSide and maxSourcePixels must be positive: " + maxSide + ", "
                                               + maxSourcePixels);
        }
        this.maxSide = maxSide;
        this.maxSourcePixels = maxSourcePixels;
    }

    /**
     * Reads the image from {@code image} (ImageIO buffers it in a temporary file, not in the heap) without closing
     * it.
     */
    public ResizedImage resize(InputStream image) {
        DecodedImage decoded = decode(image);
        boolean transparent = decoded.pixels().getColorModel().hasAlpha();
        // JPEG has no alpha channel, so transparent images stay PNG
        int outputType = transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage upright = ExifOrientation.apply(scaleToFit(decoded.pixels(), outputType), decoded.orientation());
        String format = transparent ? "png" : "jpeg";
        return new ResizedImage(encode(upright, format), "image/" + format, upright.getWidth(), upright.getHeight());
    }

    private record DecodedImage(BufferedImage pixels, int orientation) {
    }

    private DecodedImage decode(InputStream image) {
        try (ImageInputStream input = ImageIO.createImageInputStream(image)) {
            if (input == null) {
                throw new UnreadableImageException("Image could not be buffered for decoding");
            }
            ImageReader reader = readerFor(input);
            try {
                reader.setInput(input, true, false);
                // from the header only: nothing is inflated yet
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxSourcePixels) {
                    throw new ImageTooLargeException(width, height, maxSourcePixels);
                }
                // Decoding only every n-th pixel keeps memory small for camera photos; keeping at least twice the
                // target size leaves the final, smoothing scale step enough detail.
                int subsampling = Math.max(1, Math.max(width, height) / (2 * maxSide));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                BufferedImage pixels = reader.read(0, param);
                return new DecodedImage(pixels, orientationOf(reader));
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // decoders report corrupt data with IOExceptions but also with assorted runtime exceptions
            throw new UnreadableImageException("Image could not be decoded: " + e.getMessage(), e);
        }
    }

    private static int orientationOf(ImageReader reader) {
        try {
            return ExifOrientation.read(reader.getImageMetadata(0));
        } catch (IOException metadataImageIoRejects) {
            // the pixels decoded fine; ImageIO only dislikes the metadata, e.g. "JFIF APP0 must be first marker
            // after SOI" when a camera wrote EXIF before JFIF
            return ExifOrientation.UPRIGHT;
        }
    }

    private static ImageReader readerFor(ImageInputStream input) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (READABLE_FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                return reader;
            }
            reader.dispose();
        }
        throw new UnreadableImageException("Content is not a JPEG, PNG or GIF image");
    }

    /**
     * Halves the size step by step before the last step: a single bilinear step skips source pixels when shrinking
     * by more than half, which shows as jagged edges and moiré.
     */
    private BufferedImage scaleToFit(BufferedImage source, int outputType) {
        double scale = Math.min(1.0, maxSide / (double) Math.max(source.getWidth(), source.getHeight()));
        int targetWidth = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage current = source;
        do {
            int width = Math.max(targetWidth, current.getWidth() / 2);
            int height = Math.max(targetHeight, current.getHeight() / 2);
            current = draw(current, width, height, outputType);
        } while (current.getWidth() != targetWidth || current.getHeight() != targetHeight);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int imageType) {
        BufferedImage target = new BufferedImage(width, height, imageType);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode " + format, e);
        }
        return out.toByteArray();
    }
}
