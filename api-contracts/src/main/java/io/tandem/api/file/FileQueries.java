package io.tandem.api.file;

import java.time.Instant;

public final class FileQueries {

    private FileQueries() {
    }

    public record FindFileQuery(String fileId, String requesterId) {
    }

    public record FileMetadata(String fileId, String ownerId, String fileName, String contentType, long size,
                               String sha256, String storageKey, Instant uploadedAt) {
    }
}
