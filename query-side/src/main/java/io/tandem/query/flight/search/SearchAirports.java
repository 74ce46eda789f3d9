package io.tandem.query.flight.search;

import io.tandem.query.flight.search.SearchTables.AirportRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The airports of the live search version, kept in memory: every search checks its airport codes and needs the
 * origin's time zone. {@link SearchCacheEvictor} invalidates it when an airport is registered; it also reloads after
 * {@code tandem.search.cache-ttl}.
 */
@Component
class SearchAirports {

    private final SearchTables tables;
    private final SearchVersions versions;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    SearchAirports(SearchTables tables, SearchVersions versions, @Value("${tandem.search.cache-ttl:5m}") Duration ttl) {
        this.tables = tables;
        this.versions = versions;
        this.ttlNanos = ttl.toNanos();
    }

    private record Snapshot(Map<String, AirportRow> airports, long loadedAt, long generation) {
    }

    Optional<AirportRow> find(String code) {
        return Optional.ofNullable(all().get(code));
    }

    Map<String, AirportRow> all() {
        Snapshot current = snapshot;
        if (current != null && current.generation() == generation.get()
            && System.nanoTime() - current.loadedAt() < ttlNanos) {
            return current.airports();
        }
        long loading = generation.get();
        Snapshot loaded = new Snapshot(Map.copyOf(tables.airports(versions.state().live())), System.nanoTime(),
                                       loading);
        if (generation.get() == loading) {
            snapshot = loaded;
        }
        return loaded.airports();
    }

    void invalidate() {
        generation.incrementAndGet();
    }
}
