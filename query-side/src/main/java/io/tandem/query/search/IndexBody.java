package io.tandem.query.search;

/**
 * The body of a create-index request as every search index of the query side needs it: one shard, a replica
 * wherever a second node can take it, and the same text analysis, so Korean is analysed alike everywhere; each index
 * brings its own properties. {@code dynamic: strict} refuses a document with a field the properties do not name.
 * <p>
 * Korean goes through nori (the in-JVM node's NoriAnalysisPlugin, the compose image's analysis-nori), decompounding
 * "인천국제공항" into 인천, 국제 and 공항 while keeping the whole word too:
 * <ul>
 *   <li>{@code korean} for prose and place names also drops particles and endings (the part-of-speech filter), so
 *       카페 finds "카페에서"; other scripts come out as lower-case words;</li>
 *   <li>{@code korean_name} for people's names keeps every syllable: the part-of-speech filter would drop some, such
 *       as the family name 이;</li>
 *   <li>{@code lowercase_keyword} matches a whole keyword regardless of case.</li>
 * </ul>
 * The in-JVM node has no pattern or n-gram filters: anything more is prepared by the projections.
 */
public final class IndexBody {

    /** Elasticsearch's default index.max_result_window: no page reaches past it. */
    public static final int MAX_WINDOW = 10_000;

    private static final String BODY = """
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
                    "korean": {
                      "type": "custom",
                      "tokenizer": "korean_tokenizer",
                      "filter": ["nori_part_of_speech", "nori_readingform", "lowercase"]
                    },
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
                "properties": %s
              }
            }""";

    private IndexBody() {
    }

    /**
     * @param refreshInterval how often new documents become searchable ({@code "-1"}: only when refreshed)
     * @param properties      the mapping's {@code properties} object
     */
    public static String of(String refreshInterval, String properties) {
        return BODY.formatted(refreshInterval, properties);
    }
}
