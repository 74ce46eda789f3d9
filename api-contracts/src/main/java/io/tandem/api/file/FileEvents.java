package io.tandem.api.file;

public final class FileEvents {

    private FileEvents() {
    }

    public record FileRegisteredEvent(String fileId, String ownerId, String fileName, String contentType, long size,
                                      String sha256, String storageKey) {
    }

    public record FileDeletedEvent(String fileId, String ownerId, String storageKey) {
    }
}
