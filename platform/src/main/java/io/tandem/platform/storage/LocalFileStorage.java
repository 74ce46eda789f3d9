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
 * Both are written to a temporary file and moved into place, so readers never see half-written content.
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
            replaceAtomically(contentTypeFileFor(file), out -> out.write(contentType.getBytes(StandardCharsets.UTF_8)));
            replaceAtomically(file, out -> {
                long copied = content.transferTo(out);
                if (copied != length) {
                    throw new IllegalArgumentException(
                            "Content of " + key + " has " + copied + " bytes, but its declared length is " + length);
                }
            });
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

    private static void replaceAtomically(Path target, ContentWriter writer) throws IOException {
        Path temporary = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @FunctionalInterface
    private interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
