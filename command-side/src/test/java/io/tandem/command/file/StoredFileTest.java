package io.tandem.command.file;

import io.tandem.api.RejectedException;
import io.tandem.api.file.FileCommands.DeleteFileCommand;
import io.tandem.api.file.FileCommands.RegisterFileCommand;
import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import io.tandem.testsupport.SharedPostgres;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The file aggregate with its registration handler, entering files in a real directory table under a 10 KB quota. */
class StoredFileTest {

    private static FileQuota quota;

    private AggregateTestFixture<StoredFile> fixture;
    private String owner;
    private String fileId;
    private FileRegisteredEvent registered;

    @BeforeAll
    static void createDirectory() throws Exception {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(SharedPostgres.newDatabase(),
                                                                        SharedPostgres.USERNAME, ""));
        for (String migration : List.of("db/migration/axon/V2026.11.22.0100__axon_event_store.sql",
                                         "db/migration/command/V2026.12.06.1001__file_directory.sql")) {
            jdbc.sql(new ClassPathResource(migration).getContentAsString(StandardCharsets.UTF_8)).update();
        }
        quota = new FileQuota(jdbc, DataSize.ofKilobytes(10));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StoredFile.class);
        fixture.registerAnnotatedCommandHandler(new FileRegistration(quota, fixture.getRepository()));
        owner = UUID.randomUUID().toString();
        fileId = UUID.randomUUID().toString();
        registered = new FileRegisteredEvent(fileId, owner, "photo.png", "image/png", 1234, "ab".repeat(32),
                                             "files/" + owner + "/" + fileId);
    }

    private RegisterFileCommand register(String fileId, long size) {
        return new RegisterFileCommand(fileId, owner, "photo.png", "image/png", size, "ab".repeat(32),
                                       "files/" + owner + "/" + fileId);
    }

    @Test
    void registeringRecordsTheMetadataAndEntersTheFileUnderItsOwner() {
        fixture.givenNoPriorActivity()
               .when(register(fileId, 1234))
               .expectEvents(registered);
        assertThat(quota.filesOf(owner)).containsExactly(fileId);
    }

    @Test
    void aFileBeyondTheOwnersQuotaIsRefused() {
        quota.enter(UUID.randomUUID().toString(), owner, 9 * 1024);
        fixture.givenNoPriorActivity()
               .when(register("file-2", 2 * 1024))
               .expectNoEvents()
               .expectException(rejected("storage_quota_exceeded"));
        fixture.givenNoPriorActivity()
               .when(register("file-3", 1024))
               .expectEvents(new FileRegisteredEvent("file-3", owner, "photo.png", "image/png", 1024,
                                                     "ab".repeat(32), "files/" + owner + "/file-3"));
    }

    @Test
    void theOwnerDeletesTheFileAndGetsTheSpaceBack() {
        quota.enter(fileId, owner, 1234);
        fixture.given(registered)
               .when(new DeleteFileCommand(fileId, owner))
               .expectEvents(new FileDeletedEvent(fileId, owner, "files/" + owner + "/" + fileId));
        assertThat(quota.filesOf(owner)).isEmpty();
    }

    @Test
    void anotherUserCannotDeleteItAndLearnsNothing() {
        fixture.given(registered)
               .when(new DeleteFileCommand(fileId, "intruder"))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("No such file.");
    }

    @Test
    void aDeletedFileCannotBeDeletedAgain() {
        fixture.given(registered, new FileDeletedEvent(fileId, owner, "files/" + owner + "/" + fileId))
               .when(new DeleteFileCommand(fileId, owner))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }

    private static Matcher<Throwable> rejected(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof RejectedException rejection && rejection.rejection().code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection with code ").appendValue(code);
            }
        };
    }
}
