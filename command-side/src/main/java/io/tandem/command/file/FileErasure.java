package io.tandem.command.file;

import io.tandem.api.file.FileCommands.DeleteFileCommand;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.command.identity.ErasureReactions;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * An erased person's files are deleted: their bytes leave the storage ({@link StoredBytesCleanup}) and their
 * metadata the read side, so photos they shared in posts, the calendar or the chat are gone for everybody. A deleted
 * file leaves the directory, so handling the event again finds nothing to do.
 */
@Component
@ProcessingGroup(ErasureReactions.PROCESSING_GROUP)
@SideEffect("deletes an erased person's files (commands)")
class FileErasure {

    private final CommandGateway commands;
    private final FileQuota quota;

    FileErasure(CommandGateway commands, FileQuota quota) {
        this.commands = commands;
        this.quota = quota;
    }

    @EventHandler
    void on(UserErasedEvent event) {
        for (String fileId : quota.filesOf(event.userId())) {
            commands.sendAndWait(new DeleteFileCommand(fileId, event.userId()));
        }
    }
}
