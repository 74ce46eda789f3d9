package io.tandem.query.vehicle;

import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Slices of a list ordered newest first by a sort key whose last column is unique. Page mode counts the whole list
 * and skips to the page; cursor mode continues after the key of the last item handed out, so items added meanwhile
 * neither repeat nor shift a slice.
 *
 * @param query    {@code SELECT ... FROM ... WHERE ...}; it must end with a WHERE clause (cursor mode adds to it)
 * @param key      the sort key's columns, all sorted descending
 * @param cursorOf the sort key of an item, in the order of {@code key}
 */
record Slices<T>(String query, List<KeyColumn> key, RowMapper<T> mapper, Function<T, Cursor> cursorOf) {

    enum SqlType { DATE, BIGINT, TIMESTAMPTZ, VARCHAR }

    record KeyColumn(String column, SqlType type) {
    }

    Slice<T> fetch(JdbcClient jdbc, Map<String, ?> params, PageRequest request) {
        String order = key.stream().map(k -> k.column() + " DESC").collect(Collectors.joining(", ", " ORDER BY ", ""));
        if (request.byPage()) {
            long total = jdbc.sql("SELECT count(*) FROM (" + query + ") matching")
                             .params(params).query(Long.class).single();
            List<T> items = jdbc.sql(query + order + " LIMIT :limit OFFSET :offset")
                                .params(params)
                                .param("limit", request.size())
                                .param("offset", (long) request.offset())
                                .query(mapper)
                                .list();
            return new Slice<>(items, total, request.page(), null);
        }
        Cursor after = request.after(key.size());
        JdbcClient.StatementSpec statement;
        if (after == null) {
            statement = jdbc.sql(query + order + " LIMIT :limit");
        } else {
            String columns = key.stream().map(KeyColumn::column).collect(Collectors.joining(", ", "(", ")"));
            String values = IntStream.range(0, key.size())
                                     .mapToObj(i -> "CAST(:after" + i + " AS " + key.get(i).type() + ")")
                                     .collect(Collectors.joining(", ", "(", ")"));
            statement = jdbc.sql(query + " AND " + columns + " < " + values + order + " LIMIT :limit");
            for (int i = 0; i < key.size(); i++) {
                statement = statement.param("after" + i, readable(after, i, key.get(i).type()));
            }
        }
        List<T> probed = statement.params(params).param("limit", request.probeSize()).query(mapper).list();
        if (probed.size() <= request.size()) {
            return new Slice<>(probed, null, null, null);
        }
        List<T> items = List.copyOf(probed.subList(0, request.size()));
        return new Slice<>(items, null, null, cursorOf.apply(items.get(items.size() - 1)).encode());
    }

    /** A cursor a client tampered with must be a 400, not a failing cast in SQL. */
    private static String readable(Cursor after, int index, SqlType type) {
        switch (type) {
            case DATE -> after.date(index);
            case BIGINT -> after.number(index);
            case TIMESTAMPTZ -> after.instant(index);
            case VARCHAR -> {
                // any text is a valid key
            }
        }
        return after.value(index);
    }

    /** Page mode fills {@code total} and {@code page}; cursor mode {@code nextCursor}, null on the last slice. */
    record Slice<T>(List<T> items, Long total, Integer page, String nextCursor) {
    }
}
