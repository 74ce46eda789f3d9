package io.tandem.query.file;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import io.tandem.api.file.FileQueries.FileMetadata;
import io.tandem.api.file.FileQueries.FindFileQuery;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Who owns which file and what it is; a deleted file's row is gone, so it answers 404 like any unknown id. Who else
 * may download a file is in {@code file_grant}, written by the features that share files (the couple calendar).
 */
@Component
@ProcessingGroup(ReadModels.FILES)
class FileMetadataProjection {

    private final JdbcClient jdbc;

    FileMetadataProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FileRegisteredEvent event, @Timestamp Instant occurredAt) {
        if (event.fileName() == null) {
            return; // every upload has a name, so the owner was erased since, and their files with them
        }
        jdbc.sql("""
                 INSERT INTO file_metadata (file_id, owner_id, file_name, content_type, size, sha256, storage_key,
                                            uploaded_at)
                 VALUES (:fileId, :ownerId, :fileName, :contentType, :size, :sha256, :storageKey, :uploadedAt)
                 ON CONFLICT (file_id) DO NOTHING
                 """)
            .param("fileId", event.fileId())
            .param("ownerId", event.ownerId())
            .param("fileName", event.fileName())
            .param("contentType", event.contentType())
            .param("size", event.size())
            .param("sha256", event.sha256())
            .param("storageKey", event.storageKey())
            .param("uploadedAt", utc(occurredAt))
            .update();
    }

    @EventHandler
    void on(FileDeletedEvent event) {
        jdbc.sql("DELETE FROM file_metadata WHERE file_id = :fileId").param("fileId", event.fileId()).update();
    }

    /**
     * An erased owner's files go at once, for everyone they were shared with too; the command side deletes them
     * ({@code FileErasure}), and their own deletion events find nothing left here.
     */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("DELETE FROM file_metadata WHERE owner_id = :ownerId")
            .param("ownerId", event.userId())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM file_metadata").update();
    }

    /**
     * The file, if the requester owns it or was granted it ({@code file_grant}: by user id, or {@code *} for every
     * signed-in user); for anyone else it does not exist.
     */
    @QueryHandler
    Optional<FileMetadata> handle(FindFileQuery query) {
        return jdbc.sql("""
                        SELECT * FROM file_metadata f
                        WHERE f.file_id = :fileId
                          AND (f.owner_id = :requesterId
                               OR EXISTS (SELECT 1 FROM file_grant g
                                          WHERE g.file_id = f.file_id AND g.grantee IN (:requesterId, '*')))
                        """)
                   .param("fileId", query.fileId())
                   .param("requesterId", query.requesterId())
                   .query((rs, row) -> new FileMetadata(
                           rs.getString("file_id"), rs.getString("owner_id"), rs.getString("file_name"),
                           rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
                           rs.getString("storage_key"),
                           instant(rs, "uploaded_at")))
                   .optional();
    }
}
