package io.tandem.api.file;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class FileCommands {

    private FileCommands() {
    }

    /** The bytes are already stored under {@code storageKey}; the command records who owns them and what they are. */
    public record RegisterFileCommand(@TargetAggregateIdentifier String fileId, String ownerId, String fileName,
                                      String contentType, long size, String sha256, String storageKey) {
    }

    public record DeleteFileCommand(@TargetAggregateIdentifier String fileId, String requesterId) {
    }
}
