package io.tandem.platform.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * Tells what an upload is from its leading bytes (Tika's magic numbers), never from its name or the client's
 * Content-Type, both of which the client controls; only the types below are accepted.
 */
public class ContentTypeDetector {

    private static final String MP4 = "video/mp4";
    private static final String QUICKTIME = "video/quicktime";
    private static final Set<String> ALLOWED_TYPES = Set.of(
            "image/jpeg", "image/png", "image/gif", "image/webp",
            MP4, QUICKTIME,
            "application/pdf", "text/plain");
    // box size (4 bytes), box type "ftyp" (4), major brand (4)
    private static final int FTYP_HEADER_LENGTH = 12;

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    /**
     * Returns the accepted media type of {@code content} (such as {@code image/png}) or throws
     * {@link UnsupportedFileTypeException}. Reads only the head of the stream and resets it, so the caller can store
     * the same stream afterwards; the stream must therefore support mark/reset (wrap it in a
     * {@link java.io.BufferedInputStream}).
     */
    public String detect(InputStream content) {
        if (!content.markSupported()) {
            throw new IllegalArgumentException("Content type detection needs a stream that supports mark/reset");
        }
        String type;
        try {
            // No resource name in the metadata: Tika would otherwise let a file name like "x.png" decide.
            type = mimeTypes.detect(content, new Metadata()).getBaseType().toString();
            if (type.equals(QUICKTIME) && isIsoMp4(content)) {
                type = MP4;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read content to detect its type", e);
        }
        if (!ALLOWED_TYPES.contains(type)) {
            throw new UnsupportedFileTypeException(type);
        }
        return type;
    }

    /**
     * Tika's own MP4 magic knows only the "mp41"/"mp42" brands and files any other "ftyp" box as QuickTime, which
     * would label the common "isom" files (ffmpeg, most phones) video/quicktime; only the "qt  " brand is QuickTime.
     */
    private static boolean isIsoMp4(InputStream content) throws IOException {
        content.mark(FTYP_HEADER_LENGTH);
        byte[] head = content.readNBytes(FTYP_HEADER_LENGTH);
        content.reset();
        if (head.length < FTYP_HEADER_LENGTH) {
            return false;
        }
        String boxType = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
        String majorBrand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        return boxType.equals("ftyp") && !majorBrand.equals("qt  ");
    }

    /** {@link #detect(InputStream)} for content already in memory. */
    public String detect(byte[] content) {
        return detect(new ByteArrayInputStream(content));
    }
}
