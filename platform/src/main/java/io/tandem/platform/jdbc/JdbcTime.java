package io.tandem.platform.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of {@code TIMESTAMPTZ} columns. The PostgreSQL driver binds and reads {@link OffsetDateTime}
 * but not {@link Instant}; UTC is written so a row reads the same whatever the server's time zone. Null stays null.
 */
public final class JdbcTime {

    private JdbcTime() {
    }

    /** For a {@code TIMESTAMPTZ} parameter. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** A {@code TIMESTAMPTZ} column of the current row. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }

    /** A {@code TIMESTAMPTZ} column of the current row, by its position in the select list. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }
}
