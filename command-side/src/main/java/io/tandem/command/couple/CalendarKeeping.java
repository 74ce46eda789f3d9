package io.tandem.command.couple;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands.AddCalendarEntryCommand;
import io.tandem.api.couple.CoupleCommands.ChangeCalendarEntryCommand;
import io.tandem.api.couple.CoupleResults.CalendarEntryDetails;
import io.tandem.command.couple.CoupleItems.Kind;
import io.tandem.command.file.FileOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Adds and changes calendar entries after checking, in the same unit of work, that every photo is an image one of
 * the two partners uploaded and has not deleted: the read side then lets the other partner download it.
 */
@Component
class CalendarKeeping {

    private final Repository<CalendarEntry> entries;
    private final CoupleItems items;
    private final CoupleMembership membership;
    private final FileOwnership files;

    CalendarKeeping(Repository<CalendarEntry> entries, CoupleItems items, CoupleMembership membership,
                    FileOwnership files) {
        this.entries = entries;
        this.items = items;
        this.membership = membership;
        this.files = files;
    }

    @CommandHandler
    String handle(AddCalendarEntryCommand command) throws Exception {
        requireCouplesImages(command.coupleId(), command.imageIds());
        items.register(command.entryId(), command.coupleId(), Kind.CALENDAR_ENTRY);
        entries.newInstance(() -> CalendarEntry.add(command));
        return command.entryId();
    }

    @CommandHandler
    CalendarEntryDetails handle(ChangeCalendarEntryCommand command) {
        return entries.load(command.entryId()).invoke(entry -> {
            entry.requireOwnedBy(command.coupleId());
            if (command.imageIds() != null) {
                requireCouplesImages(command.coupleId(), command.imageIds());
            }
            return entry.change(command);
        });
    }

    private void requireCouplesImages(String coupleId, List<String> imageIds) {
        List<String> partners = membership.membersOf(coupleId);
        for (String imageId : imageIds) {
            if (!files.ownerOfImage(imageId).map(partners::contains).orElse(false)) {
                throw new RejectedException(Rejection.invalid(
                        "invalid_image", "image_ids: " + imageId + " is not an image either of you uploaded."));
            }
        }
    }
}
