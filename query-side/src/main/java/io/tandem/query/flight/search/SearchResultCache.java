package io.tandem.query.flight.search;

import io.tandem.api.flight.FlightSearchResults.SchedulePage;
import io.tandem.api.flight.FlightSearchResults.SearchFlightsQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Search pages in the Spring cache {@value #NAME} (Caffeine by default, any provider by configuration), keyed by
 * route first ({@code ICN-NRT|2026-12-24|1|ECONOMY|price|0|20}) so a route's pages can be evicted together.
 * <p>
 * Every entry carries its own expiry ({@code tandem.search.cache-ttl}), so the time to live holds whatever the
 * provider. A page computed while an eviction ran is not stored: it may predate the change that caused it.
 */
@Component
class SearchResultCache {

    static final String NAME = "flight-search";

    private final CacheManager caches;
    private final Duration ttl;
    private final ReadWriteLock evicting = new ReentrantReadWriteLock();
    private long evictions;

    SearchResultCache(CacheManager caches, @Value("${tandem.search.cache-ttl:5m}") Duration ttl) {
        this.caches = caches;
        this.ttl = ttl;
    }

    /** What a cache entry holds; Serializable for caches that store values as bytes (Redis). */
    record Entry(SchedulePage page, Instant expiresAt) implements Serializable {
    }

    SchedulePage get(SearchFlightsQuery query, Supplier<SchedulePage> search) {
        Cache cache = caches.getCache(NAME);
        if (cache == null) {
            return search.get();
        }
        String key = key(query);
        Cache.ValueWrapper cached = cache.get(key);
        if (cached != null && cached.get() instanceof Entry entry && entry.expiresAt().isAfter(Instant.now())) {
            return entry.page();
        }
        long before = evictionCount();
        SchedulePage page = search.get();
        evicting.readLock().lock();
        try {
            if (evictions == before) {
                cache.put(key, new Entry(page, Instant.now().plus(ttl)));
            }
        } finally {
            evicting.readLock().unlock();
        }
        return page;
    }

    /** Evicts every cached page of the route ({@code ICN-NRT}). */
    void evictRoute(String route) {
        evict(cache -> {
            if (cache.getNativeCache() instanceof com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine) {
                String prefix = route + "|";
                caffeine.asMap().keySet().removeIf(key -> key.toString().startsWith(prefix));
            } else {
                cache.clear(); // other providers cannot evict by key prefix
            }
        });
    }

    void evictAll() {
        evict(Cache::clear);
    }

    private void evict(java.util.function.Consumer<Cache> eviction) {
        evicting.writeLock().lock();
        try {
            evictions++;
            Cache cache = caches.getCache(NAME);
            if (cache != null) {
                eviction.accept(cache);
            }
        } finally {
            evicting.writeLock().unlock();
        }
    }

    private long evictionCount() {
        evicting.readLock().lock();
        try {
            return evictions;
        } finally {
            evicting.readLock().unlock();
        }
    }

    static String key(SearchFlightsQuery query) {
        return String.join("|", query.departure() + "-" + query.arrival(), query.date().toString(),
                           String.valueOf(query.passengers()),
                           query.cabin() == null ? "ANY" : query.cabin().name(), query.sort(),
                           String.valueOf(query.page()), String.valueOf(query.size()));
    }
}
