package io.tandem.platform.jdbc;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One page of a read model's list by page number, with the size of the whole list: a count and a
 * {@code LIMIT/OFFSET} read over the same rows. Lists that clients scroll use cursors instead (see
 * {@code PageRequest}); page numbers are for admin tables, which are small enough to count.
 */
public record OffsetPage<T>(List<T> items, long total) {

    /**
     * @param from    the rows, as {@code FROM table [WHERE …]}; filters are named parameters
     * @param filters binds the filters' parameters (the same on the count and on the read)
     * @param orderBy a total order, so pages neither repeat nor skip rows
     */
    public static <T> OffsetPage<T> read(JdbcClient jdbc, String from, UnaryOperator<StatementSpec> filters,
                                         String orderBy, RowMapper<T> rows, int page, int size) {
        long total = filters.apply(jdbc.sql("SELECT count(*) " + from)).query(Long.class).single();
        List<T> items = filters.apply(jdbc.sql("SELECT * " + from + " ORDER BY " + orderBy
                                               + " LIMIT :size OFFSET :offset"))
                               .param("size", size)
                               .param("offset", (long) page * size)
                               .query(rows)
                               .list();
        return new OffsetPage<>(items, total);
    }

    /** Every row of {@code from}, unfiltered. */
    public static <T> OffsetPage<T> read(JdbcClient jdbc, String from, String orderBy, RowMapper<T> rows, int page,
                                         int size) {
        return read(jdbc, from, UnaryOperator.identity(), orderBy, rows, page, size);
    }
}
