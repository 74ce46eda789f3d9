package io.tandem.query.flight.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.FlightSearchResults.PromotionView;
import io.tandem.query.live.PerNodeProcessor;
import org.apache.http.HttpHost;
import org.axonframework.config.ConfigurerModule;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Flight search infrastructure: the Elasticsearch client, the search result cache and the per-node processor that
 * evicts it.
 * <p>
 * The client talks to {@code tandem.search.url} (the launcher sets it to its in-JVM node, compose to the
 * Elasticsearch container). Its JSON mapper is private to it, so the web's snake_case and inclusion settings never
 * change documents; documents name their fields in snake_case themselves ({@link ScheduleDocument}). Spring Boot's
 * Elasticsearch health indicator uses the same {@link RestClient} ({@code GET /_cluster/health}, which the in-JVM
 * node answers), so {@code /actuator/health} reports the search server.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class FlightSearchConfiguration {

    /** Builds the documents; one segment, so events apply in the order of the event store. */
    static final String PROCESSING_GROUP = ReadModels.FLIGHT_SEARCH;
    /** Evicts cached results on every node: in-memory tokens, starting at the head of the stream. */
    static final String CACHE_PROCESSING_GROUP = "flight-search-cache";

    @Bean(destroyMethod = "close")
    RestClient searchRestClient(@Value("${tandem.search.url:http://localhost:9200}") String url) {
        return RestClient.builder(HttpHost.create(url)).build();
    }

    @Bean
    ElasticsearchTransport searchTransport(RestClient searchRestClient) {
        return new RestClientTransport(searchRestClient, new JacksonJsonpMapper(documentMapper()));
    }

    @Bean
    ElasticsearchClient searchClient(ElasticsearchTransport searchTransport) {
        return new ElasticsearchClient(searchTransport);
    }

    /**
     * Search pages live {@code tandem.search.cache-ttl} in a Caffeine cache of their own when Caffeine is the cache
     * provider (the default). With another provider (spring.cache.type=redis) the cache manager makes the cache and
     * {@link SearchResultCache} still enforces the time to live on every entry.
     */
    @Bean
    CacheManagerCustomizer<CaffeineCacheManager> flightSearchCache(
            @Value("${tandem.search.cache-ttl:5m}") Duration ttl) {
        return manager -> manager.registerCustomCache(SearchResultCache.NAME, Caffeine.newBuilder()
                                                                                    .expireAfterWrite(ttl)
                                                                                    .maximumSize(10_000)
                                                                                    .recordStats()
                                                                                    .build());
    }

    /** Every node evicts its own cache, so every node runs the evicting processor for itself. */
    @Bean
    ConfigurerModule flightSearchCacheProcessor() {
        // its handlers wait for search to catch up: no database transaction stays open meanwhile
        return PerNodeProcessor.registration(CACHE_PROCESSING_GROUP);
    }

    /**
     * The web leaves null fields out; a promotion says {@code "lowest_fare": null} when nothing is on sale on its
     * route, as the API promises.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer promotionNulls() {
        return builder -> builder.mixIn(PromotionView.class, AllFieldsIncluded.class);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    private abstract static class AllFieldsIncluded {
    }

    static ObjectMapper documentMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                                 .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                 .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                 .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
