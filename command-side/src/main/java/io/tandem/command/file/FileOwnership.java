package io.tandem.command.file;

import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What other features may learn about an uploaded file from inside their own command handler: whose it is and
 * what it is, read from the file's own events. Reading the events rather than loading the aggregate keeps an id of
 * some other aggregate (a client may send any id) from ever reaching the file repository or its cache. A file's
 * stream is one or two events.
 */
@Component
public class FileOwnership {

    private final EventStore events;

    public FileOwnership(EventStore events) {
        this.events = events;
    }

    /** The owner of an image that was uploaded and not deleted; empty for anything else. */
    public Optional<String> ownerOfImage(String fileId) {
        return liveFile(fileId).filter(file -> file.contentType().startsWith("image/"))
                               .map(FileRegisteredEvent::ownerId);
    }

    public boolean isImageOf(String ownerId, String fileId) {
        return ownerOfImage(fileId).filter(ownerId::equals).isPresent();
    }

    /** Whether the file is a photo or video that {@code ownerId} uploaded and has not deleted. */
    public boolean isMediaOf(String ownerId, String fileId) {
        return liveFile(fileId).filter(file -> file.ownerId().equals(ownerId))
                               .filter(file -> file.contentType().startsWith("image/")
                                               || file.contentType().startsWith("video/"))
                               .isPresent();
    }

    private Optional<FileRegisteredEvent> liveFile(String fileId) {
        DomainEventStream stream = events.readEvents(fileId);
        FileRegisteredEvent registered = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!StoredFile.class.getSimpleName().equals(event.getType())) {
                return Optional.empty();
            }
            if (event.getPayload() instanceof FileRegisteredEvent file) {
                registered = file;
            } else if (event.getPayload() instanceof FileDeletedEvent) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(registered);
    }
}
