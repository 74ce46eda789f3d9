package io.tandem.query.booking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bookings' search index: {@code bookings-v<N>} behind the alias {@code bookings}
 * ({@code tandem.search.booking-index}; tests sharing one Elasticsearch set their own). Everything goes through the
 * alias, and every write names it with {@code require_alias}, so a missing alias fails the write instead of letting
 * Elasticsearch create an index with a guessed mapping; the index is then created with {@link #MAPPING} and the
 * write repeated.
 * <p>
 * Documents carry the booking aggregate's sequence number as their external version: Elasticsearch keeps the newest
 * and refuses an older one, so a re-delivered event changes nothing.
 */
@Component
class BookingIndex {

    /** How often new documents become searchable. */
    static final String REFRESH_INTERVAL = "1s";
    /** Elasticsearch's default max_result_window: no page reaches past it. */
    static final int MAX_WINDOW = 10_000;

    private static final Logger log = LoggerFactory.getLogger(BookingIndex.class);

    /**
     * {@code dynamic: strict} refuses a document with a field the mapping does not name. Booking numbers are
     * keywords with a prefix-indexed subfield (a prefix query on it is a single term lookup); passenger names go
     * through the standard analyzer (English, and Korean names as whole words) and, in {@code .ko}, through nori
     * (the in-JVM node's NoriAnalysisPlugin, the compose image's analysis-nori) without the part-of-speech filter,
     * which would drop syllables such as the family name 이. Phones and name parts are prepared by the projection
     * ({@link BookingText}): the in-JVM node has no pattern or n-gram filters.
     */
    static final String MAPPING = """
            {
              "settings": {
                "number_of_shards": 1,
                "auto_expand_replicas": "0-1",
                "refresh_interval": "%s",
                "analysis": {
                  "tokenizer": {
                    "korean_tokenizer": { "type": "nori_tokenizer", "decompound_mode": "mixed" }
                  },
                  "analyzer": {
                    "korean_name": {
                      "type": "custom",
                      "tokenizer": "korean_tokenizer",
                      "filter": ["nori_readingform", "lowercase"]
                    }
                  },
                  "normalizer": {
                    "lowercase_keyword": { "type": "custom", "filter": ["lowercase"] }
                  }
                }
              },
              "mappings": {
                "dynamic": "strict",
                "properties": {
                  "booking_number": {
                    "type": "keyword",
                    "fields": {
                      "prefix": {
                        "type": "text",
                        "analyzer": "standard",
                        "index_prefixes": { "min_chars": 2, "max_chars": 12 }
                      }
                    }
                  },
                  "user_id":        { "type": "keyword" },
                  "status":         { "type": "keyword" },
                  "schedule_id":    { "type": "keyword" },
                  "flight_number":  { "type": "keyword" },
                  "origin":         { "type": "keyword" },
                  "destination":    { "type": "keyword" },
                  "departure_at":   { "type": "date" },
                  "seat_id":        { "type": "keyword", "index": false },
                  "cabin":          { "type": "keyword" },
                  "passengers": {
                    "properties": {
                      "name": {
                        "type": "text",
                        "analyzer": "standard",
                        "fields": {
                          "ko":      { "type": "text", "analyzer": "korean_name" },
                          "keyword": { "type": "keyword", "normalizer": "lowercase_keyword", "ignore_above": 200 }
                        }
                      },
                      "birth_date": { "type": "date", "index": false },
                      "phone":      { "type": "keyword", "index": false }
                    }
                  },
                  "phones":            { "type": "keyword" },
                  "name_parts":        { "type": "keyword" },
                  "amount":            { "type": "long", "index": false },
                  "expires_at":        { "type": "date", "index": false },
                  "receipt_id":        { "type": "keyword" },
                  "refund_attempts":   { "type": "integer" },
                  "last_refund_error": { "type": "text", "index": false },
                  "created_at":        { "type": "date" }
                }
              }
            }""".formatted(REFRESH_INTERVAL);

    private static final Pattern PREFIXABLE = Pattern.compile("[A-Za-z0-9]{2,12}");
    private static final Pattern FLIGHT_NUMBER = Pattern.compile("[A-Z0-9]{2}\\d{1,4}[A-Z]?");

    private final ElasticsearchClient client;
    private final String alias;
    private volatile boolean ready;

    BookingIndex(ElasticsearchClient searchClient,
                 @Value("${tandem.search.booking-index:bookings}") String alias) {
        this.client = searchClient;
        this.alias = alias;
    }

    String alias() {
        return alias;
    }

    // --- writing ---

    record Stored(BookingDocument document, long version) {
    }

    /** The booking's document as last written (realtime: no refresh needed), if any. */
    Optional<Stored> get(String bookingNumber) {
        try {
            GetResponse<BookingDocument> response = client.get(g -> g.index(alias).id(bookingNumber),
                                                                BookingDocument.class);
            if (!response.found() || response.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Stored(response.source(), response.version() == null ? -1 : response.version()));
        } catch (ElasticsearchException e) {
            if (missingIndex(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the document as version {@code version} (the sequence number of the event it reflects). An equal or
     * newer version already there wins: the call then changes nothing.
     */
    void put(BookingDocument document, long version) {
        try {
            write(document, version);
        } catch (ElasticsearchException e) {
            if (!missingIndex(e)) {
                throw e;
            }
            ready = false;
            ensure();
            write(document, version);
        }
    }

    private void write(BookingDocument document, long version) {
        ensure();
        try {
            client.index(i -> i.index(alias).id(document.bookingNumber()).document(document)
                               .version(version).versionType(VersionType.External).requireAlias(true));
        } catch (ElasticsearchException e) {
            if (e.status() == 409 && "version_conflict_engine_exception".equals(e.error().type())) {
                log.debug("Booking {} is already indexed at version {} or newer", document.bookingNumber(),
                          version);
                return;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the first index with the alias unless the alias exists (checked once per start, or after a miss). */
    void ensure() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            if (!call(() -> client.indices().existsAlias(a -> a.name(alias)).value())) {
                create(name(latestVersion() + 1), true);
            }
            ready = true;
        }
    }

    /**
     * Replaces the index by an empty one: a new version is created, and one atomic request moves the alias to it and
     * deletes every older version.
     */
    synchronized void recreate() {
        List<String> old = versionIndices();
        String next = name(latestVersion(old) + 1);
        create(next, false);
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of(a -> a.add(add -> add.index(next).alias(alias))));
        old.forEach(index -> actions.add(Action.of(a -> a.removeIndex(remove -> remove.index(index)))));
        call(() -> client.indices().updateAliases(u -> u.actions(actions)));
        ready = true;
        log.info("Recreated the booking search index as {} (replacing {})", next, old);
    }

    private void create(String name, boolean withAlias) {
        try {
            client.indices().create(c -> {
                c.index(name).withJson(new StringReader(MAPPING));
                return withAlias ? c.aliases(alias, a -> a) : c;
            });
            log.info("Created booking search index {}{}", name, withAlias ? " as " + alias : "");
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String name(int version) {
        return alias + "-v" + version;
    }

    private int latestVersion() {
        return latestVersion(versionIndices());
    }

    private int latestVersion(List<String> indices) {
        Pattern version = Pattern.compile(Pattern.quote(alias) + "-v(\\d+)");
        int latest = 0;
        for (String index : indices) {
            Matcher matcher = version.matcher(index);
            if (matcher.matches()) {
                latest = Math.max(latest, Integer.parseInt(matcher.group(1)));
            }
        }
        return latest;
    }

    private List<String> versionIndices() {
        String versionName = Pattern.quote(alias) + "-v\\d+";
        return call(() -> client.indices().get(g -> g.index(alias + "-v*"))).result().keySet().stream()
                                                                            .filter(name -> name.matches(versionName))
                                                                            .sorted()
                                                                            .toList();
    }

    // --- reading, always through the alias ---

    record Found(List<BookingDocument> documents, long total) {
    }

    /**
     * Bookings matching {@code text} by booking number (whole, or its beginning), flight number, a passenger's
     * phone (any punctuation), a passenger's name in English or Korean (whole words, the last one may be a
     * beginning), or part of a Korean name; best match first, then newest.
     */
    Found search(String text, int page, int size) {
        Query query = matching(text);
        int from = page * size;
        boolean beyondWindow = (long) page * size + size > MAX_WINDOW;
        try {
            SearchResponse<BookingDocument> response = client.search(
                    s -> s.index(alias).query(query)
                          .from(beyondWindow ? 0 : from).size(beyondWindow ? 0 : size)
                          .trackTotalHits(t -> t.enabled(true))
                          .sort(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))),
                                SortOptions.of(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))),
                                SortOptions.of(o -> o.field(f -> f.field("booking_number").order(SortOrder.Desc)))),
                    BookingDocument.class);
            long total = response.hits().total() == null ? 0 : response.hits().total().value();
            List<BookingDocument> documents = response.hits().hits().stream().map(Hit::source)
                                                      .filter(Objects::nonNull).toList();
            return new Found(documents, total);
        } catch (ElasticsearchException e) {
            if (missingIndex(e)) {
                return new Found(List.of(), 0); // nothing indexed yet: the alias appears with the first booking
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Query matching(String raw) {
        String text = raw.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        List<Query> should = new ArrayList<>();
        should.add(Query.of(q -> q.term(t -> t.field("booking_number").value(text.toUpperCase(Locale.ROOT))
                                               .boost(10f))));
        if (PREFIXABLE.matcher(text).matches()) {
            should.add(Query.of(q -> q.prefix(p -> p.field("booking_number.prefix").value(lower).boost(4f))));
        }
        String flightNumber = BookingText.flightNumber(text);
        if (FLIGHT_NUMBER.matcher(flightNumber).matches()) {
            should.add(Query.of(q -> q.term(t -> t.field("flight_number").value(flightNumber).boost(4f))));
        }
        if (BookingText.looksLikePhone(text)) {
            Set<String> phones = BookingText.phoneForms(text);
            List<FieldValue> values = phones.stream().map(FieldValue::of).toList();
            should.add(Query.of(q -> q.terms(t -> t.field("phones").terms(v -> v.value(values)).boost(4f))));
        }
        should.add(Query.of(q -> q.term(t -> t.field("passengers.name.keyword").value(lower).boost(3f))));
        should.add(Query.of(q -> q.matchBoolPrefix(m -> m.field("passengers.name").query(text)
                                                        .operator(Operator.And).boost(2f))));
        should.add(Query.of(q -> q.match(m -> m.field("passengers.name.ko").query(text)
                                              .operator(Operator.And).boost(2f))));
        if (BookingText.hasHangul(text)) {
            String compact = BookingText.compact(text);
            if (compact.length() >= 2) {
                should.add(Query.of(q -> q.term(t -> t.field("name_parts").value(compact))));
            }
        }
        return Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1")));
    }

    private static boolean missingIndex(ElasticsearchException e) {
        return e.status() == 404 && "index_not_found_exception".equals(e.error().type());
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
