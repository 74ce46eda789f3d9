package io.tandem.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Keeps each object as a file under the root directory, its key as the relative path, and its content type in a
 * sidecar file {@code .<name>.content-type} next to it (keys cannot start a segment with a dot, so no key collides).
 * Both are written to temporary files and moved into place, so readers never see half-written content.
 */
class LocalFileStorage implements FileStorage {

    private static final String CONTENT_TYPE_SUFFIX = ".content-type";
    private static final String UNKNOWN_CONTENT_TYPE = "application/octet-stream";

    private final Path root;

    LocalFileStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        Path file = fileFor(key);
        try {
            Files.createDirectories(file.getParent());
            // the content is complete and checked before anything replaces the previous version
            Path pendingContent = writeTemporary(file, out -> {
                long copied = content.transferTo(out);
                if (copied != length) {
                    throw new IllegalArgumentException(
                            "Content of " + key + " has " + copied + " bytes, but its declared length is " + length);
                }
            });
            try {
                Path pendingContentType = writeTemporary(file,
                        out -> out.write(contentType.getBytes(StandardCharsets.UTF_8)));
                moveIntoPlace(pendingContentType, contentTypeFileFor(file));
                moveIntoPlace(pendingContent, file);
            } finally {
                Files.deleteIfExists(pendingContent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + key, e);
        }
    }

    @Override
    public StoredObject get(String key) {
        Path file = fileFor(key);
        // a key that is only a prefix of other keys is a directory here, and absent as an object, as on S3
        if (!Files.isRegularFile(file)) {
            throw new StoredObjectNotFoundException(key);
        }
        try {
            String contentType = readContentType(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new StoredObject(contentType, channel.size(), Channels.newInputStream(channel));
        } catch (NoSuchFileException deletedMeanwhile) {
            throw new StoredObjectNotFoundException(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = fileFor(key);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(contentTypeFileFor(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + key, e);
        }
    }

    private Path fileFor(String key) {
        return root.resolve(StorageKeys.requireValid(key));
    }

    private static Path contentTypeFileFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + CONTENT_TYPE_SUFFIX);
    }

    // A sidecar lost to a crash between the two writes degrades to the generic type rather than failing reads.
    private static String readContentType(Path file) throws IOException {
        try {
            return Files.readString(contentTypeFileFor(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return UNKNOWN_CONTENT_TYPE;
        }
    }

    /** Writes a temporary file next to {@code target}, so that moving it there later is atomic. */
    private static Path writeTemporary(Path target, ContentWriter writer) throws IOException {
        Path temporary = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try (OutputStream out = Files.newOutputStream(temporary)) {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @FunctionalInterface
    private interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
