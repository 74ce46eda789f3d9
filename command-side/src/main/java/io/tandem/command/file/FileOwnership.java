package io.tandem.command.file;

import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Whether a file id names an image its owner uploaded and has not deleted, for features that attach a user's images
 * to what they write. It reads the file's events rather than loading the {@link StoredFile} aggregate: any id a
 * client sends (a post's, a booking's) is then just "not a file", where loading it through the shared aggregate
 * cache could hand back another kind of aggregate. A file's stream is one or two events.
 */
@Component
public class FileOwnership {

    private final EventStore events;

    public FileOwnership(EventStore events) {
        this.events = events;
    }

    public boolean isImageOf(String ownerId, String fileId) {
        DomainEventStream stream = events.readEvents(fileId);
        if (!stream.hasNext() || !(stream.next().getPayload() instanceof FileRegisteredEvent registered)) {
            return false;
        }
        while (stream.hasNext()) {
            DomainEventMessage<?> later = stream.next();
            if (later.getPayload() instanceof FileDeletedEvent) {
                return false;
            }
        }
        return registered.ownerId().equals(ownerId) && registered.contentType().startsWith("image/");
    }
}
