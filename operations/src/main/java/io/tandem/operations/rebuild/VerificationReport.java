package io.tandem.operations.rebuild;

import java.util.List;
import java.util.Map;

/**
 * The comparison of the rebuilt tables with the live ones, both at the same position of the event stream.
 *
 * @param position      the position both had reached: every event up to it, none after
 * @param differingRows rows that differ, summed over the tables
 * @param summary       in words, e.g. "0 rows differ" or "1 row differs (booking: 1)"
 */
record VerificationReport(long position, long differingRows, String summary, List<TableReport> tables) {

    /**
     * One table.
     *
     * @param comparedBy    {@code primary key} (row by row, by key) or {@code whole rows} (a table without one)
     * @param differingRows rows missing on one side or different in some column
     * @param examples      up to five of them: the key, and which columns differ; never the values, which may be
     *                      personal data
     */
    record TableReport(String table, long liveRows, long rebuiltRows, String comparedBy, long differingRows,
                       List<Example> examples) {
    }

    /**
     * @param difference {@code changed}, {@code missing in rebuild} or {@code only in rebuild}
     * @param columns    the columns whose values differ (for {@code changed})
     */
    record Example(Map<String, Object> key, String difference, List<String> columns) {
    }

    static VerificationReport of(long position, List<TableReport> tables) {
        long differing = tables.stream().mapToLong(TableReport::differingRows).sum();
        String detail = String.join(", ", tables.stream().filter(t -> t.differingRows() > 0)
                                                .map(t -> t.table() + ": " + t.differingRows()).toList());
        String summary = differing + (differing == 1 ? " row differs" : " rows differ")
                         + (detail.isEmpty() ? "" : " (" + detail + ")");
        return new VerificationReport(position, differing, summary, List.copyOf(tables));
    }
}
