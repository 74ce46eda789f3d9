package io.tandem.query.file;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** {@link FileGrants} for projection tests in other packages, and what it has granted. */
public final class TestFileGrants {

    private TestFileGrants() {
    }

    public static FileGrants over(JdbcClient jdbc) {
        return new FileGrants(jdbc);
    }

    /** Each grant as "file id → grantee (source)", sorted. */
    public static List<String> of(JdbcClient jdbc, String sourcePrefix) {
        return jdbc.sql("""
                        SELECT file_id || ' -> ' || grantee || ' (' || source || ')' FROM file_grant
                        WHERE source LIKE :prefix ORDER BY 1
                        """)
                   .param("prefix", sourcePrefix + "%")
                   .query(String.class)
                   .list();
    }
}
