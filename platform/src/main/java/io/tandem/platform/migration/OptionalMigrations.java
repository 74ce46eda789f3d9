package io.tandem.platform.migration;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Adds {@value #PERSONAL_DATA_KEY}, the personal-data key table's migration, to a side's Flyway locations only when
 * the side keeps its keys in the schema it migrates: in services mode every side uses the command side's table, so
 * the query and saga schemas get none. Before this split every schema got one; a schema where it already ran keeps
 * the location, so Flyway still finds every migration it applied and validates as before.
 * <p>
 * The JDBC event store's tables stay in {@code db/migration/axon} for every mode: data migrations read them where
 * events live in PostgreSQL and find them empty where events live in Axon Server.
 */
public final class OptionalMigrations implements FlywayConfigurationCustomizer {

    static final String PERSONAL_DATA_KEY = "classpath:db/migration/personal-data-key";

    /** The location's first migration: applied means the location ran in this schema. */
    static final String PERSONAL_DATA_KEY_VERSION = "2026.11.23.1000";

    private final String keyTable;

    /** @param keyTable {@code tandem.personal-data.key-table}, optionally schema-qualified */
    public OptionalMigrations(String keyTable) {
        this.keyTable = keyTable;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        String schema = historySchema(configuration);
        if (keysInSchema(schema) || applied(configuration, schema, PERSONAL_DATA_KEY_VERSION)) {
            List<Location> locations = new ArrayList<>(List.of(configuration.getLocations()));
            locations.add(new Location(PERSONAL_DATA_KEY));
            configuration.locations(locations.toArray(Location[]::new));
        }
    }

    private boolean keysInSchema(String schema) {
        int dot = keyTable.indexOf('.');
        return dot < 0 || schema == null
               || keyTable.substring(0, dot).toLowerCase(Locale.ROOT).equals(schema.toLowerCase(Locale.ROOT));
    }

    /** Where Flyway keeps its history: the default schema, else the first managed one, else the connection's. */
    private static String historySchema(FluentConfiguration configuration) {
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        String[] schemas = configuration.getSchemas();
        return schemas.length > 0 ? schemas[0] : null;
    }

    private static boolean applied(FluentConfiguration configuration, String schema, String version) {
        String table = configuration.getTable();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            String qualified = quote(schema != null ? schema : connection.getSchema()) + "." + quote(table);
            try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, qualified);
                try (ResultSet result = exists.executeQuery()) {
                    if (!result.next() || !result.getBoolean(1)) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ran = connection.prepareStatement(
                    "SELECT count(*) FROM " + qualified + " WHERE version = ? AND success")) {
                ran.setString(1, version);
                try (ResultSet result = ran.executeQuery()) {
                    return result.next() && result.getLong(1) > 0;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read Flyway's history " + schema + "." + table, e);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
