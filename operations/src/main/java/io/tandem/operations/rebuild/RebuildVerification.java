package io.tandem.operations.rebuild;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.operations.rebuild.VerificationReport.Example;
import io.tandem.operations.rebuild.VerificationReport.TableReport;
import io.tandem.platform.jdbc.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.tandem.operations.rebuild.ShadowTables.qualified;
import static io.tandem.operations.rebuild.ShadowTables.quote;

/**
 * Compares a projection's rebuilt tables with its live ones: row counts, then every row by primary key (as JSON, so
 * every column counts), reporting how many differ with a few examples.
 */
class RebuildVerification {

    private static final int EXAMPLES = 5;
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    RebuildVerification(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    VerificationReport compare(RebuildRecord plan, long position) {
        return VerificationReport.of(position, plan.tables().stream().map(table -> table(plan, table)).toList());
    }

    private TableReport table(RebuildRecord plan, String table) {
        String live = qualified(plan.liveSchema(), table);
        String rebuilt = qualified(plan.shadowSchema(), table);
        long liveRows = count(live);
        long rebuiltRows = count(rebuilt);
        List<String> key = primaryKey(live);
        if (key.isEmpty()) {
            long differing = jdbc.sql("SELECT count(*) FROM (SELECT to_jsonb(t) AS j, count(*) AS n FROM " + live
                                      + " t GROUP BY 1) l FULL JOIN (SELECT to_jsonb(t) AS j, count(*) AS n FROM "
                                      + rebuilt + " t GROUP BY 1) r ON l.j = r.j AND l.n = r.n"
                                      + " WHERE l.j IS NULL OR r.j IS NULL")
                                 .query(Long.class).single();
            return new TableReport(table, liveRows, rebuiltRows, "whole rows", differing, List.of());
        }
        String join = key.stream().map(column -> "l." + quote(column) + " = r." + quote(column))
                         .collect(Collectors.joining(" AND "));
        String differing = " FROM " + live + " l FULL JOIN " + rebuilt + " r ON " + join
                           + " WHERE to_jsonb(l) IS DISTINCT FROM to_jsonb(r)";
        long count = jdbc.sql("SELECT count(*)" + differing).query(Long.class).single();
        List<Example> examples = count == 0 ? List.of()
                : jdbc.sql("SELECT to_jsonb(l)::text, to_jsonb(r)::text" + differing + " LIMIT " + EXAMPLES)
                      .query((row, n) -> example(key, row.getString(1), row.getString(2))).list();
        return new TableReport(table, liveRows, rebuiltRows, "primary key", count, examples);
    }

    private static Example example(List<String> key, String liveJson, String rebuiltJson) {
        Map<String, Object> live = liveJson == null ? null : JsonColumns.read(liveJson, ROW);
        Map<String, Object> rebuilt = rebuiltJson == null ? null : JsonColumns.read(rebuiltJson, ROW);
        Map<String, Object> either = live != null ? live : rebuilt;
        Map<String, Object> keyValues = new LinkedHashMap<>();
        key.forEach(column -> keyValues.put(column, either.get(column)));
        if (live == null) {
            return new Example(keyValues, "only in rebuild", List.of());
        }
        if (rebuilt == null) {
            return new Example(keyValues, "missing in rebuild", List.of());
        }
        TreeSet<String> columns = new TreeSet<>(live.keySet());
        columns.addAll(rebuilt.keySet());
        List<String> changed = new ArrayList<>();
        columns.stream().filter(column -> !Objects.equals(live.get(column), rebuilt.get(column)))
               .forEach(changed::add);
        return new Example(keyValues, "changed", changed);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private List<String> primaryKey(String table) {
        return jdbc.sql("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                        WHERE i.indrelid = ?::regclass AND i.indisprimary
                        ORDER BY array_position(i.indkey::int2[], a.attnum)""")
                   .param(table).query(String.class).list();
    }
}
