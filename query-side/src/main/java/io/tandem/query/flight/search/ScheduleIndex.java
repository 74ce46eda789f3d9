package io.tandem.query.flight.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import io.tandem.query.search.IndexBody;
import io.tandem.query.search.IndexVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.tandem.query.search.IndexVersions.call;

/**
 * Writing the schedules' search index: {@code flight-schedules-v<N>} indices behind the alias
 * {@code flight-schedules} ({@code tandem.search.index}; tests sharing one Elasticsearch set their own). The
 * projection writes to the index of the version it is building (or the live one), and a rebuild's end moves the
 * alias in one atomic request. Readers always go through the alias ({@link ScheduleSearch}).
 */
@Component
class ScheduleIndex {

    private static final Logger log = LoggerFactory.getLogger(ScheduleIndex.class);

    private static final String PLACE = """
            {
              "properties": {
                "code":    { "type": "keyword" },
                "name_en": { "type": "text" },
                "name_ko": { "type": "text", "analyzer": "korean" },
                "city_en": { "type": "text" },
                "city_ko": { "type": "text", "analyzer": "korean" }
              }
            }""";
    private static final String CABIN = """
            {
              "properties": {
                "base_fare":       { "type": "long" },
                "fare":            { "type": "long" },
                "available_seats": { "type": "integer" },
                "total_seats":     { "type": "integer" }
              }
            }""";

    /**
     * The mapping's properties of every version (see {@link IndexBody}). Korean names go through the {@code korean}
     * analyzer.
     */
    static final String PROPERTIES = """
            {
              "schedule_id":      { "type": "keyword" },
              "flight_id":        { "type": "keyword" },
              "flight_number":    { "type": "keyword" },
              "airline":          { "type": "keyword" },
              "route":            { "type": "keyword" },
              "origin":           %s,
              "destination":      %s,
              "departure_at":     { "type": "date" },
              "arrival_at":       { "type": "date" },
              "departure_local":  { "type": "date", "format": "strict_date_hour_minute_second" },
              "arrival_local":    { "type": "date", "format": "strict_date_hour_minute_second" },
              "departure_date":   { "type": "date", "format": "strict_date" },
              "duration_minutes": { "type": "integer" },
              "status":           { "type": "keyword" },
              "cabins": {
                "properties": {
                  "economy":         %s,
                  "premium_economy": %s,
                  "business":        %s,
                  "first":           %s
                }
              },
              "min_fare":         { "type": "long" }
            }""".formatted(PLACE, PLACE, CABIN, CABIN, CABIN, CABIN);

    private final ElasticsearchClient client;
    private final IndexVersions versions;
    /** How often the live index makes new documents searchable; a refresh=wait_for write waits at most this. */
    private final String refreshInterval;

    ScheduleIndex(ElasticsearchClient searchClient, @Value("${tandem.search.index:flight-schedules}") String alias,
                  @Value("${tandem.search.refresh-interval:200ms}") String refreshInterval) {
        this.client = searchClient;
        this.versions = new IndexVersions(searchClient, alias);
        this.refreshInterval = refreshInterval;
    }

    String alias() {
        return versions.alias();
    }

    String name(int version) {
        return versions.name(version);
    }

    /**
     * Creates the version's index unless it exists. The live version's index is created with the alias (the first
     * start); a version being built gets no alias and no periodic refresh until it goes live. Checked before every
     * write rather than remembered: writing to a missing index would make Elasticsearch create one with a guessed
     * mapping.
     */
    void ensure(int version, boolean live) {
        String name = name(version);
        if (!call(() -> client.indices().exists(e -> e.index(name)).value())) {
            create(name, live);
        }
    }

    /** Deletes the version's index if it is there, then creates it empty, without the alias. */
    void recreate(int version) {
        delete(version);
        create(name(version), false);
    }

    private void create(String name, boolean withAlias) {
        versions.create(name, IndexBody.of(withAlias ? refreshInterval : "-1", PROPERTIES), withAlias);
    }

    void delete(int version) {
        String name = name(version);
        call(() -> client.indices().delete(d -> d.index(name).ignoreUnavailable(true)));
    }

    /**
     * Writes documents and deletions in one bulk request. With {@code waitForRefresh} it returns once they are
     * searchable. A request that fails throws; documents the index refused (a mapping error, a value out of range)
     * come back by schedule id with the reason, and the others are written.
     */
    Map<String, String> write(int version, Collection<ScheduleDocument> documents, Collection<String> deletions,
                              boolean waitForRefresh) {
        if (documents.isEmpty() && deletions.isEmpty()) {
            return Map.of();
        }
        List<BulkOperation> operations = new ArrayList<>();
        for (ScheduleDocument document : documents) {
            operations.add(BulkOperation.of(o -> o.index(i -> i.id(document.scheduleId()).document(document))));
        }
        for (String scheduleId : deletions) {
            operations.add(BulkOperation.of(o -> o.delete(d -> d.id(scheduleId))));
        }
        BulkResponse response = call(() -> client.bulk(b -> b.index(name(version))
                                                             .refresh(waitForRefresh ? Refresh.WaitFor
                                                                                     : Refresh.False)
                                                             .operations(operations)));
        Map<String, String> refused = new LinkedHashMap<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null) {
                ErrorCause cause = item.error().causedBy();
                refused.put(item.id(), item.error().type() + ": " + item.error().reason()
                                       + (cause == null ? "" : " (" + cause.reason() + ")"));
            }
        }
        return refused;
    }

    /**
     * Makes a built version live: periodic refresh on, everything written so far searchable, then the alias moves
     * from every index that has it to this one in a single request, so readers see the old index or the new one and
     * never none or both.
     */
    void goLive(int version) {
        String name = name(version);
        call(() -> client.indices().putSettings(p -> p.index(name).settings(
                s -> s.refreshInterval(t -> t.time(refreshInterval)))));
        refresh(version);
        List<Action> actions = new ArrayList<>();
        for (String holder : aliasHolders()) {
            if (!holder.equals(name)) {
                actions.add(Action.of(a -> a.remove(r -> r.index(holder).alias(alias()))));
            }
        }
        actions.add(Action.of(a -> a.add(add -> add.index(name).alias(alias()))));
        call(() -> client.indices().updateAliases(u -> u.actions(actions)));
        log.info("Search alias {} now points at {}", alias(), name);
    }

    /** Makes everything written to the version's index searchable now. */
    void refresh(int version) {
        call(() -> client.indices().refresh(r -> r.index(name(version))));
    }

    /** Deletes every version's index except the live one (left over by a switch or an abandoned rebuild). */
    void deleteAllBut(int liveVersion, Integer buildingVersion) {
        for (String index : versionIndices().keySet()) {
            if (!index.equals(name(liveVersion)) && (buildingVersion == null || !index.equals(name(buildingVersion)))) {
                call(() -> client.indices().delete(d -> d.index(index).ignoreUnavailable(true)));
                log.info("Deleted search index {}", index);
            }
        }
    }

    /** The indices that hold the alias now. */
    List<String> aliasHolders() {
        return versionIndices().entrySet().stream()
                               .filter(index -> index.getValue().contains(alias()))
                               .map(Map.Entry::getKey)
                               .sorted()
                               .toList();
    }

    /** The indices of every version, with their aliases. */
    Map<String, Set<String>> versionIndices() {
        return versions.versionIndices();
    }
}
