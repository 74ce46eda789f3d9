package io.tandem.operations.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

/**
 * The tables of a projection's two versions. The live version is in the side's schema, where readers and the live
 * processor find the tables by their plain names; the other version is in the rebuild's own schema. A swap moves
 * the tables between the two schemas in the caller's transaction: readers wait for its locks a moment and then read
 * the other tables, with no error and no empty read.
 */
class ShadowTables {

    private final JdbcClient jdbc;

    ShadowTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the rebuild's schema with an empty copy of each live table: columns, defaults, checks, and the same
     * keys and indexes under the same names, so the tables stay what the migrations expect once they are swapped in.
     */
    void create(RebuildRecord plan, String liveSchema) {
        jdbc.sql("CREATE SCHEMA " + quote(plan.shadowSchema())).update();
        for (String table : plan.tables()) {
            String live = qualified(liveSchema, table);
            if (jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(live).query(Boolean.class).single() != true) {
                throw new IllegalStateException("The projection's table " + live + " does not exist");
            }
            String shadow = qualified(plan.shadowSchema(), table);
            jdbc.sql("CREATE TABLE " + shadow + " (LIKE " + live + " INCLUDING ALL EXCLUDING INDEXES)").update();
            List<Map<String, Object>> constraints = jdbc.sql("""
                    SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                    WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname""")
                                                        .param(live).query().listOfRows();
            for (Map<String, Object> constraint : constraints) {
                jdbc.sql("ALTER TABLE " + shadow + " ADD CONSTRAINT " + quote((String) constraint.get("conname"))
                         + " " + constraint.get("definition")).update();
            }
            List<String> indexes = jdbc.sql("""
                    SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                    WHERE i.indrelid = ?::regclass
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                    ORDER BY i.indexrelid""").param(live).query(String.class).list();
            for (String index : indexes) {
                jdbc.sql(index.replaceFirst(" ON (ONLY )?\\S+ USING ", " ON " + shadow + " USING ")).update();
            }
        }
    }

    /** Fresh planner statistics for the version about to serve. */
    void analyze(RebuildRecord plan) {
        for (String table : plan.tables()) {
            jdbc.sql("ANALYZE " + qualified(plan.shadowSchema(), table)).update();
        }
    }

    /**
     * Within the caller's transaction: the live tables go to the rebuild's schema and its tables become the live
     * ones. Waits at most {@code lockTimeout} for readers to let go of the tables, so a long query delays the swap
     * rather than every reader behind it.
     */
    void swap(RebuildRecord plan, String lockTimeout) {
        jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(lockTimeout).query(String.class).single();
        String parking = quote(plan.shadowSchema() + "_swap");
        jdbc.sql("CREATE SCHEMA " + parking).update();
        for (String table : plan.tables()) {
            jdbc.sql("ALTER TABLE " + qualified(plan.liveSchema(), table) + " SET SCHEMA " + parking).update();
        }
        for (String table : plan.tables()) {
            jdbc.sql("ALTER TABLE " + qualified(plan.shadowSchema(), table) + " SET SCHEMA "
                     + quote(plan.liveSchema())).update();
        }
        for (String table : plan.tables()) {
            jdbc.sql("ALTER TABLE " + parking + "." + quote(table) + " SET SCHEMA "
                     + quote(plan.shadowSchema())).update();
        }
        jdbc.sql("DROP SCHEMA " + parking).update();
    }

    void drop(RebuildRecord plan) {
        jdbc.sql("DROP SCHEMA IF EXISTS " + quote(plan.shadowSchema()) + " CASCADE").update();
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
