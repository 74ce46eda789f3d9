package io.tandem.platform.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads and writes the JSON columns of read models (lists, maps and records kept as JSON text or JSONB). Dates and
 * times are ISO-8601 text. Field names are the Java ones, except in the columns written snake_case, whose rows
 * already hold snake_case names (they must be read the way they were written).
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper SNAKE_CASE = JSON.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonColumns() {
    }

    public static String write(Object value) {
        return write(JSON, value);
    }

    public static <T> T read(String json, TypeReference<T> type) {
        return read(JSON, json, type);
    }

    public static String writeSnakeCase(Object value) {
        return write(SNAKE_CASE, value);
    }

    public static <T> T readSnakeCase(String json, TypeReference<T> type) {
        return read(SNAKE_CASE, json, type);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store as JSON: " + value, e);
        }
    }

    private static <T> T read(ObjectMapper mapper, String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON column: " + json, e);
        }
    }
}
