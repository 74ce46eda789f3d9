package io.tandem.command.file;

import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.platform.replay.SideEffect;
import io.tandem.platform.storage.FileStorage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted file's bytes once the deletion is stored. Deleting is idempotent, so a retry after a failure
 * does no harm; a replay deletes nothing ({@link SideEffect}).
 */
@Component
@SideEffect("deletes stored files")
@ProcessingGroup("stored-bytes-cleanup")
class StoredBytesCleanup {

    private final FileStorage storage;

    StoredBytesCleanup(FileStorage storage) {
        this.storage = storage;
    }

    @EventHandler
    void on(FileDeletedEvent event) {
        storage.delete(event.storageKey());
    }
}
