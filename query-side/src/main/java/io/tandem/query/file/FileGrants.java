package io.tandem.query.file;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Lets features share files they show (a post's photos, a chat attachment) with users other than the owner. Each
 * grant names its source, so the feature takes back exactly what it gave; writing the same grants again changes
 * nothing, so projections may replay.
 */
@Component
public class FileGrants {

    /** The grantee meaning every signed-in user. */
    public static final String EVERYONE = "*";

    private final JdbcClient jdbc;

    FileGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes {@code fileIds} exactly what {@code source} shares with {@code grantee}. */
    public void replace(String source, Collection<String> fileIds, String grantee) {
        revoke(source);
        for (String fileId : fileIds) {
            jdbc.sql("""
                     INSERT INTO file_grant (file_id, grantee, source) VALUES (:fileId, :grantee, :source)
                     ON CONFLICT DO NOTHING
                     """)
                .param("fileId", fileId)
                .param("grantee", grantee)
                .param("source", source)
                .update();
        }
    }

    public void revoke(String source) {
        jdbc.sql("DELETE FROM file_grant WHERE source = :source").param("source", source).update();
    }

    /** Takes back every grant whose source starts with {@code prefix}, for a projection's reset. */
    public void revokeAll(String prefix) {
        jdbc.sql("DELETE FROM file_grant WHERE source LIKE :pattern").param("pattern", prefix + "%").update();
    }
}
