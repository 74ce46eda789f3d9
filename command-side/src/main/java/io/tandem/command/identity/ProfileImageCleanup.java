package io.tandem.command.identity;

import io.tandem.api.identity.IdentityEvents.ProfileImageChangedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.ProfileImages;
import io.tandem.platform.replay.SideEffect;
import io.tandem.platform.storage.FileStorage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * An erased person's profile images are photos of them, served publicly: once the erasure is stored, every image
 * the account ever had is deleted from the file storage. Deleting is idempotent, so a retry does no harm; a replay
 * deletes nothing ({@link SideEffect}).
 */
@Component
@SideEffect("deletes profile images from the file storage")
@ProcessingGroup("stored-bytes-cleanup")
class ProfileImageCleanup {

    private final EventStore events;
    private final FileStorage storage;

    ProfileImageCleanup(EventStore events, FileStorage storage) {
        this.events = events;
        this.storage = storage;
    }

    @EventHandler
    void on(UserErasedEvent event) {
        // from the first event, not from a snapshot: every image counts, not only the latest
        DomainEventStream stream = events.readEvents(event.userId(), 0);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof ProfileImageChangedEvent changed) {
                storage.delete(ProfileImages.storageKey(changed.imageId()));
            }
        }
    }
}
