package io.tandem.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** Error messages name fields as clients send them: in snake_case. */
final class JsonNames {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private JsonNames() {
    }

    static String of(String javaName) {
        if (javaName == null) {
            return "request";
        }
        StringBuilder json = new StringBuilder();
        for (String part : javaName.split("\\.")) {
            if (!json.isEmpty()) {
                json.append('.');
            }
            int bracket = part.indexOf('[');
            json.append(bracket < 0 ? SNAKE_CASE.translate(part)
                                    : SNAKE_CASE.translate(part.substring(0, bracket)) + part.substring(bracket));
        }
        return json.toString();
    }
}
