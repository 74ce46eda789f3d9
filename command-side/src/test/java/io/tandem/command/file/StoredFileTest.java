package io.tandem.command.file;

import io.tandem.api.RejectedException;
import io.tandem.api.file.FileCommands.DeleteFileCommand;
import io.tandem.api.file.FileCommands.RegisterFileCommand;
import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoredFileTest {

    private static final FileRegisteredEvent REGISTERED = new FileRegisteredEvent(
            "file-1", "owner", "photo.png", "image/png", 1234, "ab".repeat(32), "files/owner/file-1");

    private AggregateTestFixture<StoredFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StoredFile.class);
    }

    @Test
    void registeringRecordsTheMetadata() {
        fixture.givenNoPriorActivity()
               .when(new RegisterFileCommand("file-1", "owner", "photo.png", "image/png", 1234, "ab".repeat(32),
                                             "files/owner/file-1"))
               .expectEvents(REGISTERED);
    }

    @Test
    void theOwnerDeletesTheFile() {
        fixture.given(REGISTERED)
               .when(new DeleteFileCommand("file-1", "owner"))
               .expectEvents(new FileDeletedEvent("file-1", "owner", "files/owner/file-1"));
    }

    @Test
    void anotherUserCannotDeleteItAndLearnsNothing() {
        fixture.given(REGISTERED)
               .when(new DeleteFileCommand("file-1", "intruder"))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("No such file.");
    }

    @Test
    void aDeletedFileCannotBeDeletedAgain() {
        fixture.given(REGISTERED, new FileDeletedEvent("file-1", "owner", "files/owner/file-1"))
               .when(new DeleteFileCommand("file-1", "owner"))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }
}
