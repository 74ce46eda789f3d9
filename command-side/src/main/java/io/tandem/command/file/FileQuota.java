package io.tandem.command.file;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * Every user's files and their sizes ({@code file_directory}), and the storage each user may fill
 * ({@code tandem.files.quota-per-user}, 1 GB by default; profile images, one per user, do not count). A file is
 * entered in the unit of work that registers it, after a lock on its owner: of several uploads racing for the last
 * free space, only those that fit commit, on every node, since the lock and the rows are in PostgreSQL.
 */
@Component
class FileQuota {

    private final JdbcClient jdbc;
    private final long quotaBytes;

    FileQuota(JdbcClient jdbc, @Value("${tandem.files.quota-per-user:1GB}") DataSize quota) {
        this.jdbc = jdbc;
        this.quotaBytes = quota.toBytes();
    }

    /** Refuses an upload that cannot fit before its bytes are stored; {@link #enter} decides for good. */
    void requireRoomFor(String ownerId, long size) {
        if (used(ownerId) + size > quotaBytes) {
            throw exceeded();
        }
    }

    /** Enters the file under its owner, or refuses with CONFLICT {@code storage_quota_exceeded}. */
    void enter(String fileId, String ownerId, long size) {
        // serialises one owner's registrations until their transaction ends
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('file-quota/' || :ownerId, 0))")
            .param("ownerId", ownerId)
            .query(Integer.class)
            .single();
        if (used(ownerId) + size > quotaBytes) {
            throw exceeded();
        }
        jdbc.sql("INSERT INTO file_directory (file_id, owner_id, size) VALUES (:fileId, :ownerId, :size)")
            .param("fileId", fileId)
            .param("ownerId", ownerId)
            .param("size", size)
            .update();
    }

    void remove(String fileId) {
        jdbc.sql("DELETE FROM file_directory WHERE file_id = :fileId").param("fileId", fileId).update();
    }

    /** The owner's files that are not deleted. */
    List<String> filesOf(String ownerId) {
        return jdbc.sql("SELECT file_id FROM file_directory WHERE owner_id = :ownerId")
                   .param("ownerId", ownerId)
                   .query(String.class)
                   .list();
    }

    private long used(String ownerId) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM file_directory WHERE owner_id = :ownerId")
                   .param("ownerId", ownerId)
                   .query(Long.class)
                   .single();
    }

    private RejectedException exceeded() {
        return new RejectedException(Rejection.conflict(
                "storage_quota_exceeded", "Your files may take up to " + DataSize.ofBytes(quotaBytes).toMegabytes()
                                          + " MB; delete some to make room."));
    }
}
