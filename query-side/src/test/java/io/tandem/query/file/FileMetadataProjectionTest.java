package io.tandem.query.file;

import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import io.tandem.api.file.FileQueries.FileMetadata;
import io.tandem.api.file.FileQueries.FindFileQuery;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see which file, written by {@link FileMetadataProjection} (with the grants of {@link FileGrants}): events
 * in, rows and query answers out, and a replay gives the same rows.
 */
class FileMetadataProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final FileMetadataProjection projection = new FileMetadataProjection(JDBC);
    private final FileGrants grants = new FileGrants(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(projection);
    private final String owner = UUID.randomUUID().toString();
    private final String friend = UUID.randomUUID().toString();
    private final String stranger = UUID.randomUUID().toString();
    private final String photo = UUID.randomUUID().toString();
    private final String receipt = UUID.randomUUID().toString();

    @Test
    void theOwnerFindsTheFileAsUploadedAndNobodyElseDoes() {
        events.publish(photo, registered(photo, owner, "beach.jpg"));

        assertThat(find(photo, owner)).hasValueSatisfying(file -> {
            assertThat(file.ownerId()).isEqualTo(owner);
            assertThat(file.fileName()).isEqualTo("beach.jpg");
            assertThat(file.contentType()).isEqualTo("image/jpeg");
            assertThat(file.size()).isEqualTo(2_048);
            assertThat(file.sha256()).isEqualTo(sha256(photo));
            assertThat(file.storageKey()).isEqualTo("files/" + photo);
            assertThat(file.uploadedAt()).isEqualTo(events.lastTimestamp());
        });
        assertThat(find(photo, stranger)).isEmpty();
        assertThat(find(UUID.randomUUID().toString(), owner)).as("an unknown id").isEmpty();
    }

    @Test
    void aGrantSharesTheFileWithOnePersonOrEveryoneUntilItIsTakenBack() {
        events.publish(photo, registered(photo, owner, "beach.jpg"));
        events.publish(receipt, registered(receipt, owner, "receipt.pdf"));

        grants.replace("calendar/" + photo, List.of(photo), friend);
        grants.replace("post/" + receipt, List.of(receipt), FileGrants.EVERYONE);

        assertThat(find(photo, friend)).isPresent();
        assertThat(find(photo, stranger)).isEmpty();
        assertThat(find(receipt, stranger)).isPresent();
        assertThat(find(receipt, friend)).isPresent();

        grants.revoke("calendar/" + photo);
        assertThat(find(photo, friend)).isEmpty();
        assertThat(find(photo, owner)).isPresent();
    }

    @Test
    void aDeletedFileIsGoneForEveryoneItWasSharedWith() {
        events.publish(photo, registered(photo, owner, "beach.jpg"));
        grants.replace("post/" + photo, List.of(photo), FileGrants.EVERYONE);

        events.publish(photo, new FileDeletedEvent(photo, owner, "files/" + photo));

        assertThat(find(photo, owner)).isEmpty();
        assertThat(find(photo, stranger)).isEmpty();
    }

    @Test
    void anErasedOwnersFilesGoAtOnceAndTheirReplayedUploadsWriteNothing() {
        String otherOwnersFile = UUID.randomUUID().toString();
        events.publish(photo, registered(photo, owner, "beach.jpg"));
        events.publish(receipt, registered(receipt, owner, "receipt.pdf"));
        events.publish(otherOwnersFile, registered(otherOwnersFile, friend, "mine.jpg"));
        grants.replace("post/" + photo, List.of(photo), FileGrants.EVERYONE);

        events.publish(owner, new UserErasedEvent(owner));

        assertThat(find(photo, owner)).isEmpty();
        assertThat(find(photo, stranger)).isEmpty();
        assertThat(find(receipt, owner)).isEmpty();
        assertThat(find(otherOwnersFile, friend)).isPresent();

        String uploadedBeforeErasure = UUID.randomUUID().toString();
        events.publish(uploadedBeforeErasure, registered(uploadedBeforeErasure, owner, null));
        assertThat(rows(uploadedBeforeErasure)).as("a name reading as null: the owner is erased").isEmpty();
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        events.publish(photo, registered(photo, owner, "beach.jpg"));
        events.publish(receipt, registered(receipt, owner, "receipt.pdf"));
        events.publish(receipt, new FileDeletedEvent(receipt, owner, "files/" + receipt));
        List<Map<String, Object>> before = rows(photo, receipt);
        assertThat(before).hasSize(1);

        events.redeliver(0);
        events.redeliver(2);
        assertThat(rows(photo, receipt)).isEqualTo(before);
        events.replay();
        assertThat(rows(photo, receipt)).isEqualTo(before);
    }

    private FileRegisteredEvent registered(String fileId, String ownerId, String name) {
        return new FileRegisteredEvent(fileId, ownerId, name, "image/jpeg", 2_048, sha256(fileId),
                                       "files/" + fileId);
    }

    /** 64 hex digits, as a SHA-256 is stored. */
    private static String sha256(String fileId) {
        return fileId.replace("-", "").repeat(2);
    }

    private Optional<FileMetadata> find(String fileId, String requesterId) {
        return projection.handle(new FindFileQuery(fileId, requesterId));
    }

    private static List<Map<String, Object>> rows(String... fileIds) {
        return JDBC.sql("SELECT * FROM file_metadata WHERE file_id IN (:ids) ORDER BY file_id")
                   .param("ids", List.of(fileIds)).query().listOfRows();
    }
}
