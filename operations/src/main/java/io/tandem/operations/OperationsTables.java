package io.tandem.operations;

/**
 * Where the operations tables are: qualified by {@code tandem.operations.schema} when it is set, else unqualified so
 * the connection's schema applies. The one place that turns a schema name into SQL, quoting it as an identifier.
 */
public final class OperationsTables {

    private final String prefix;

    public OperationsTables(String schema) {
        this.prefix = schema == null || schema.isBlank() ? "" : quote(schema) + ".";
    }

    /** The named operations table, e.g. {@code ops_node}, qualified by the configured schema. */
    public String table(String name) {
        return prefix + name;
    }

    /** A table of another schema (a side's {@code tokenentry}, say), quoted so any schema name is safe in SQL. */
    public static String inSchema(String schema, String table) {
        return quote(schema) + "." + table;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
