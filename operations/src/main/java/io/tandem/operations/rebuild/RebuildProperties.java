package io.tandem.operations.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which projections blue/green rebuilds support ({@code tandem.operations.rebuilds.projections}, declared in
 * {@code tandem-defaults.yml}): each processor's name with the tables its handlers write. A projection qualifies when
 * its handlers write only PostgreSQL tables of their side's schema, named without a schema, and no other processor
 * writes those tables.
 */
@ConfigurationProperties(prefix = "tandem.operations.rebuilds")
public record RebuildProperties(Map<String, List<String>> projections) {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public RebuildProperties {
        projections = projections == null ? Map.of() : new TreeMap<>(projections);
        projections.forEach((projection, tables) -> {
            if (tables == null || tables.isEmpty() || !tables.stream().allMatch(t -> TABLE.matcher(t).matches())) {
                throw new IllegalArgumentException("tandem.operations.rebuilds.projections." + projection
                                                   + " must list the projection's tables by their plain names");
            }
        });
    }

    Optional<List<String>> tablesOf(String projection) {
        return Optional.ofNullable(projections.get(projection));
    }
}
