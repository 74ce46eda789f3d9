package io.tandem.query.flight.search;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which version of the flight-search tables and index readers use, and which one a rebuild is writing: the single
 * row of {@code flight_search_state}.
 */
@Component
class SearchVersions {

    private static final List<String> TABLES = List.of("flight_search_airport", "flight_search_schedule",
                                                       "flight_search_discount", "flight_search_promotion");
    private static final RowMapper<IndexState> STATE = (rs, row) -> new IndexState(
            rs.getInt("live_version"), (Integer) rs.getObject("building_version"));

    private final JdbcClient jdbc;

    SearchVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which index version readers use, and which one a rebuild is writing (null when none is). */
    record IndexState(int live, Integer building) {

        int writeVersion() {
            return building != null ? building : live;
        }
    }

    IndexState state() {
        return jdbc.sql("SELECT live_version, building_version FROM flight_search_state WHERE id = 1")
                   .query(STATE).single();
    }

    /** The state, locked until the transaction ends: resets and switches take turns. */
    IndexState lockState() {
        return jdbc.sql("SELECT live_version, building_version FROM flight_search_state WHERE id = 1 FOR UPDATE")
                   .query(STATE).single();
    }

    void startBuilding(int version) {
        jdbc.sql("UPDATE flight_search_state SET building_version = :version WHERE id = 1")
            .param("version", version).update();
    }

    /** Makes the building version live, unless someone else already did. */
    boolean finishBuilding(IndexState state) {
        return jdbc.sql("""
                        UPDATE flight_search_state SET live_version = :building, building_version = NULL
                        WHERE id = 1 AND live_version = :live AND building_version = :building
                        """)
                   .param("live", state.live())
                   .param("building", state.building())
                   .update() == 1;
    }

    /** Deletes the version's rows from every table of the flight search. */
    void deleteVersion(int version) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE version = :version").param("version", version).update();
        }
    }
}
