package io.tandem.command.file;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.file.FileCommands.DeleteFileCommand;
import io.tandem.api.file.FileCommands.RegisterFileCommand;
import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An uploaded file's metadata and ownership; the bytes live in the file storage under {@code storageKey}. */
@Aggregate(cache = "aggregateCache")
class StoredFile {

    @AggregateIdentifier
    private String fileId;
    private String ownerId;
    private String storageKey;
    private boolean deleted;

    StoredFile() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Registrations are handled by {@link FileRegistration}, which first enters the file in its owner's quota. */
    static StoredFile register(RegisterFileCommand command) {
        StoredFile file = new StoredFile();
        apply(new FileRegisteredEvent(command.fileId(), command.ownerId(), command.fileName(), command.contentType(),
                                      command.size(), command.sha256(), command.storageKey()));
        return file;
    }

    /** Called by {@link FileRegistration}, which frees the space in the same unit of work. */
    void delete(DeleteFileCommand command) {
        // someone else's file answers exactly like a missing one, so ids cannot be probed
        if (deleted || !ownerId.equals(command.requesterId())) {
            throw new RejectedException(Rejection.notFound("file_not_found", "No such file."));
        }
        apply(new FileDeletedEvent(fileId, ownerId, storageKey));
    }

    @EventSourcingHandler
    void on(FileRegisteredEvent event) {
        fileId = event.fileId();
        ownerId = event.ownerId();
        storageKey = event.storageKey();
    }

    @EventSourcingHandler
    void on(FileDeletedEvent event) {
        deleted = true;
    }
}
