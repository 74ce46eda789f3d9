package io.tandem.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.testsupport.TestImages;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypeDetectorTest {

    private final ContentTypeDetector detector = new ContentTypeDetector();

    @Test
    void recognisesImagesFromTheirBytes() {
        assertThat(detector.detect(TestImages.png(4, 4))).isEqualTo("image/png");
        assertThat(detector.detect(TestImages.jpeg(4, 4))).isEqualTo("image/jpeg");
        assertThat(detector.detect(TestImages.gif(4, 4))).isEqualTo("image/gif");
        assertThat(detector.detect(header("RIFF\0\0\0\0WEBPVP8 "))).isEqualTo("image/webp");
    }

    @Test
    void ignoresTheFileNameAPngArrivesUnder(@TempDir Path tempDir) throws IOException {
        Path disguised = Files.write(tempDir.resolve("holiday.txt"), TestImages.png(4, 4));

        try (InputStream upload = new BufferedInputStream(Files.newInputStream(disguised))) {
            assertThat(detector.detect(upload)).isEqualTo("image/png");
        }
    }

    @ParameterizedTest(name = "major brand \"{0}\" -> {1}")
    @CsvSource({
            "'isom', video/mp4",       // ffmpeg and most phones
            "'mp42', video/mp4",
            "'avc1', video/mp4",
            "'qt  ', video/quicktime", // iPhone .mov
    })
    void tellsMp4FromQuickTimeByTheMajorBrand(String majorBrand, String expectedType) {
        assertThat(detector.detect(header("\0\0\0\u0020ftyp" + majorBrand + "\0\0\0\0isomiso2mp41")))
                .isEqualTo(expectedType);
    }

    @Test
    void recognisesDocuments() {
        assertThat(detector.detect(header("%PDF-1.7\n%âãÏÓ\n"))).isEqualTo("application/pdf");
        assertThat(detector.detect("Meeting notes\n- bring the 안녕 slides\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
    }

    @Test
    void rejectsRandomBytes() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);

        assertThatThrownBy(() -> detector.detect(noise))
                .isInstanceOf(UnsupportedFileTypeException.class)
                .extracting("detectedType").isEqualTo("application/octet-stream");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Linux executable, '\u007fELF\u0002\u0001\u0001\0\0\0\0\0\0\0\0\0\u0002\0>\0', application/x-executable",
            "Windows executable, 'MZ\u0090\0\u0003\0\0\0\u0004\0\0\0', application/x-msdownload",
            "HTML, '<!DOCTYPE html><html><script>alert(1)</script>', text/html",
            "SVG, '<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>', image/svg+xml",
    })
    void rejectsExecutablesAndScriptableDocuments(String kind, String content, String detectedType) {
        assertThatThrownBy(() -> detector.detect(header(content)))
                .isInstanceOf(UnsupportedFileTypeException.class)
                .extracting("detectedType").isEqualTo(detectedType);
    }

    @Test
    void rejectsEmptyContent() {
        assertThatThrownBy(() -> detector.detect(new byte[0])).isInstanceOf(UnsupportedFileTypeException.class);
    }

    @Test
    void leavesTheStreamAtItsStartForStoring() throws IOException {
        byte[] mp4 = header("\0\0\0\u0020ftypisom\0\0\0\0isomiso2mp41 and the movie data");
        InputStream upload = new BufferedInputStream(new ByteArrayInputStream(mp4));

        detector.detect(upload);

        assertThat(upload.readAllBytes()).isEqualTo(mp4);
    }

    @Test
    void needsAStreamThatCanRewind() {
        InputStream oneWay = new InputStream() {
            @Override
            public int read() {
                return -1;
            }
        };

        assertThatIllegalArgumentException().isThrownBy(() -> detector.detect(oneWay));
    }

    private static byte[] header(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
}
