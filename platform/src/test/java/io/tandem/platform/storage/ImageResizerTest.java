package io.tandem.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.testsupport.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageResizerTest {

    private final ImageResizer resizer = new ImageResizer(512, 50_000_000);

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
            "2000, 1000, 512, 256",  // landscape: width limited
            "300, 1200, 128, 512",   // portrait: height limited
            "1025, 1025, 512, 512",  // square, just over the limit
            "100, 50, 100, 50",      // small enough: never enlarged
            "4000, 3000, 512, 384",  // camera size: decoded subsampled
    })
    void fitsTheLongestSideIntoTheLimitKeepingTheAspectRatio(int width, int height, int expectedWidth,
            int expectedHeight) throws IOException {
        ResizedImage resized = resize(TestImages.jpeg(width, height));

        assertThat(resized.width()).isEqualTo(expectedWidth);
        assertThat(resized.height()).isEqualTo(expectedHeight);
        BufferedImage written = decode(resized.content());
        assertThat(written.getWidth()).isEqualTo(expectedWidth);
        assertThat(written.getHeight()).isEqualTo(expectedHeight);
    }

    @Test
    void writesOpaqueImagesAsJpeg() throws IOException {
        for (byte[] source : new byte[][] {TestImages.png(800, 600), TestImages.gif(800, 600)}) {
            ResizedImage resized = resize(source);

            assertThat(resized.contentType()).isEqualTo("image/jpeg");
            assertThat(formatOf(resized.content())).isEqualTo("jpeg");
        }
    }

    @Test
    void keepsTransparencyAsPng() throws IOException {
        ResizedImage resized = resize(TestImages.transparentPng(1024, 512));

        assertThat(resized.contentType()).isEqualTo("image/png");
        BufferedImage written = decode(resized.content());
        assertThat(written.getColorModel().hasAlpha()).isTrue();
        assertThat(new Color(written.getRGB(400, 128), true).getAlpha()).isZero();
        assertThat(new Color(written.getRGB(10, 128), true).getAlpha()).isBetween(120, 136);
    }

    @ParameterizedTest(name = "orientation {0}: red half at the {3}")
    @CsvSource({
            "1, 80, 40, left, right",
            "2, 80, 40, right, left",   // mirrored
            "3, 80, 40, right, left",   // upside down
            "4, 80, 40, left, right",   // mirrored upside down
            "5, 40, 80, top, bottom",
            "6, 40, 80, top, bottom",   // the usual portrait phone photo
            "7, 40, 80, bottom, top",
            "8, 40, 80, bottom, top",
    })
    void turnsCameraPhotosUprightPerTheirExifOrientation(int orientation, int expectedWidth, int expectedHeight,
            String redHalf, String blueHalf) throws IOException {
        // stored 80x40, red on the left and blue on the right, as the sensor saw it
        ResizedImage resized = resize(TestImages.cameraJpeg(80, 40, orientation));

        assertThat(resized.width()).isEqualTo(expectedWidth);
        assertThat(resized.height()).isEqualTo(expectedHeight);
        BufferedImage upright = decode(resized.content());
        assertThat(dominantChannel(centreOf(upright, redHalf))).isEqualTo("red");
        assertThat(dominantChannel(centreOf(upright, blueHalf))).isEqualTo("blue");
    }

    @Test
    void decodesPhotosWhoseMetadataImageIoCannotParse() {
        ResizedImage resized = resize(TestImages.jpegWithExifBeforeJfif(80, 40));

        assertThat(resized.width()).isEqualTo(80);
        assertThat(resized.height()).isEqualTo(40);
    }

    @Test
    void rejectsContentThatIsNoImage() {
        assertThatThrownBy(() -> resize("just some text".getBytes()))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("not a JPEG, PNG or GIF");
    }

    @Test
    void rejectsATruncatedImage() {
        byte[] png = TestImages.png(200, 200);

        assertThatThrownBy(() -> resize(Arrays.copyOf(png, png.length / 2)))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("could not be decoded");
    }

    @Test
    void rejectsImageFormatsOutsideJpegPngAndGif() {
        assertThatThrownBy(() -> resize(TestImages.bmp(20, 20)))
                .isInstanceOf(UnreadableImageException.class);
    }

    @Test
    void rejectsImagesDeclaringMorePixelsThanItDecodes() {
        assertThatThrownBy(() -> resize(TestImages.pngDeclaring(100_000, 100_000)))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("100000x100000");
    }

    /** The review's bomb: a small PNG inflating to 225 megapixels, which the old 250 MP limit let through. */
    @Test
    void refusesAPixelBombBeforeDecodingIt() {
        assertThatThrownBy(() -> resize(TestImages.pngDeclaring(15_000, 15_000)))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("15000x15000");
    }

    @Test
    void acceptsAFiftyMegapixelPhoneCameraHeader() {
        assertThatThrownBy(() -> resize(TestImages.pngDeclaring(8_160, 6_120)))
                .as("a 50 MP header passes the pixel check; this one has no pixels to decode")
                .isInstanceOf(UnreadableImageException.class)
                .isNotInstanceOf(ImageTooLargeException.class);
    }

    private ResizedImage resize(byte[] image) {
        return resizer.resize(new ByteArrayInputStream(image));
    }

    private static BufferedImage decode(byte[] image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image));
    }

    private static String formatOf(byte[] image) throws IOException {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            return ImageIO.getImageReaders(input).next().getFormatName().toLowerCase();
        }
    }

    private static int centreOf(BufferedImage image, String half) {
        int w = image.getWidth();
        int h = image.getHeight();
        return switch (half) {
            case "left" -> image.getRGB(w / 4, h / 2);
            case "right" -> image.getRGB(3 * w / 4, h / 2);
            case "top" -> image.getRGB(w / 2, h / 4);
            case "bottom" -> image.getRGB(w / 2, 3 * h / 4);
            default -> throw new IllegalArgumentException(half);
        };
    }

    private static String dominantChannel(int rgb) {
        Color color = new Color(rgb);
        return color.getRed() > color.getBlue() ? "red" : "blue";
    }
}
