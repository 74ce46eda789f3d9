package io.tandem.operations.log;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.operations.OperationsTables;
import io.tandem.platform.jdbc.JsonColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/** Reads the operator log, newest first: by slices for the API and the page, or all of it for an export. */
public class OperatorLogReader {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "action_id, action, target, actor_id, client_address, parameters::text,"
                                          + " reason, outcome, detail, started_at, finished_at, duration_ms";
    private static final String ORDER = " ORDER BY started_at DESC, action_id DESC";
    private static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final String table;

    OperatorLogReader(JdbcClient jdbc, JdbcTemplate jdbcTemplate, OperationsTables tables) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.table = tables.table("ops_operator_log");
    }

    OperatorLogEntry.Page page(OperatorLogFilter filter, PageRequest page) {
        OperatorLogFilter.Where where = filter.where();
        List<Object> parameters = new ArrayList<>(where.parameters());
        String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + where.sql();
        Cursor after = page.after(2);
        if (after != null) {
            sql += " AND (started_at, action_id) < (?, ?)";
            parameters.add(utc(after.instant(0)));
            parameters.add(after.value(1));
        }
        parameters.add(page.probeSize());
        List<OperatorLogEntry> rows = jdbc.sql(sql + ORDER + " LIMIT ?").params(parameters)
                                          .query(OperatorLogReader::entry).list();
        boolean more = rows.size() > page.size();
        List<OperatorLogEntry> items = more ? rows.subList(0, page.size()) : rows;
        OperatorLogEntry last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new OperatorLogEntry.Page(List.copyOf(items), page.size(),
                                         more ? Cursor.of(last.startedAt(), last.actionId()).encode() : null);
    }

    /**
     * Every entry that matches, newest first, fetched 500 rows at a time so a long log is never held in memory
     * (PostgreSQL fetches by cursor only inside a transaction, which the caller opens).
     */
    void each(OperatorLogFilter filter, Consumer<OperatorLogEntry> consumer) {
        OperatorLogFilter.Where where = filter.where();
        String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + where.sql() + ORDER;
        jdbcTemplate.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < where.parameters().size(); i++) {
                statement.setObject(i + 1, where.parameters().get(i));
            }
            statement.setFetchSize(FETCH_SIZE);
            return statement;
        }, (RowCallbackHandler) row -> consumer.accept(entry(row, 0)));
    }

    /** One action by its id, for features that link to the action they recorded. */
    public Optional<OperatorLogEntry> find(String actionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE action_id = ?").param(actionId)
                   .query(OperatorLogReader::entry).optional();
    }

    private static OperatorLogEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new OperatorLogEntry(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                    row.getString(5), JsonColumns.read(row.getString(6), PARAMETERS),
                                    row.getString(7), OperatorActionOutcome.valueOf(row.getString(8)),
                                    row.getString(9), instant(row, 10), instant(row, 11),
                                    row.getObject(12, Long.class));
    }
}
