package io.tandem.api.file;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

public final class FileEvents {

    private FileEvents() {
    }

    /** {@code fileName} reads as null once the owner is erased. */
    public record FileRegisteredEvent(String fileId, @DataSubject String ownerId, @PersonalData String fileName,
                                      String contentType, long size, String sha256, String storageKey) {
    }

    public record FileDeletedEvent(String fileId, String ownerId, String storageKey) {
    }
}
