package io.tandem.query.booking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.tandem.query.search.IndexBody;
import io.tandem.query.search.VersionedIndex;
import io.tandem.query.search.VersionedIndex.Stored;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bookings' search index: {@code bookings-v<N>} behind the alias {@code bookings}
 * ({@code tandem.search.booking-index}; tests sharing one Elasticsearch set their own), a {@link VersionedIndex}:
 * documents carry the booking aggregate's sequence number as their external version, and a reset moves the alias to
 * a new, empty version.
 */
@Component
class BookingIndex {

    /** How often new documents become searchable. */
    static final String REFRESH_INTERVAL = "1s";

    /**
     * Booking numbers are keywords with a prefix-indexed subfield (a prefix query on it is a single term lookup);
     * passenger names go through the standard analyzer (English, and Korean names as whole words) and, in
     * {@code .ko}, through {@code korean_name} ({@link IndexBody}). Phones and name parts are prepared by the
     * projection ({@link BookingText}).
     */
    static final String PROPERTIES = """
            {
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
            }""";

    private static final Pattern PREFIXABLE = Pattern.compile("[A-Za-z0-9]{2,12}");
    private static final Pattern FLIGHT_NUMBER = Pattern.compile("[A-Z0-9]{2}\\d{1,4}[A-Z]?");

    private final VersionedIndex<BookingDocument> index;

    BookingIndex(ElasticsearchClient searchClient,
                 @Value("${tandem.search.booking-index:bookings}") String alias) {
        this.index = new VersionedIndex<>(searchClient, alias, IndexBody.of(REFRESH_INTERVAL, PROPERTIES),
                                          BookingDocument.class, BookingDocument::bookingNumber);
    }

    String alias() {
        return index.alias();
    }

    // --- writing ---

    /** The booking's document as last written (realtime: no refresh needed), if any. */
    Optional<Stored<BookingDocument>> get(String bookingNumber) {
        return index.get(bookingNumber);
    }

    /**
     * Writes the document as version {@code version} (the sequence number of the event it reflects). An equal or
     * newer version already there wins: the call then changes nothing.
     */
    void put(BookingDocument document, long version) {
        index.put(document, version);
    }

    /** Replaces the index by an empty new version. */
    /** An erased traveller's bookings leave search, passengers and all. */
    void removeBookingsOf(String userId) {
        index.deleteWhere("user_id", userId);
    }

    void recreate() {
        index.recreate();
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
        boolean beyondWindow = (long) page * size + size > IndexBody.MAX_WINDOW;
        return index.search(
                s -> s.query(query)
                      .from(beyondWindow ? 0 : from).size(beyondWindow ? 0 : size)
                      .trackTotalHits(t -> t.enabled(true))
                      .sort(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))),
                            SortOptions.of(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))),
                            SortOptions.of(o -> o.field(f -> f.field("booking_number").order(SortOrder.Desc)))))
                    .map(response -> new Found(response.hits().hits().stream().map(Hit::source)
                                                       .filter(Objects::nonNull).toList(),
                                               response.hits().total() == null ? 0
                                                                               : response.hits().total().value()))
                    // nothing indexed yet: the alias appears with the first booking
                    .orElse(new Found(List.of(), 0));
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

}
