package io.tandem.command.file;

import io.tandem.api.file.FileCommands.DeleteFileCommand;
import io.tandem.api.file.FileCommands.RegisterFileCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registers uploaded files within their owner's quota, and frees the space when a file is deleted, each in one unit
 * of work with the file's event: a registration that does not fit rolls back, and the uploader deletes the bytes.
 */
@Component
class FileRegistration {

    private final FileQuota quota;
    private final Repository<StoredFile> files;

    FileRegistration(FileQuota quota, Repository<StoredFile> files) {
        this.quota = quota;
        this.files = files;
    }

    @CommandHandler
    void handle(RegisterFileCommand command) throws Exception {
        quota.enter(command.fileId(), command.ownerId(), command.size());
        files.newInstance(() -> StoredFile.register(command));
    }

    @CommandHandler
    void handle(DeleteFileCommand command) {
        files.load(command.fileId()).execute(file -> file.delete(command));
        quota.remove(command.fileId());
    }
}
