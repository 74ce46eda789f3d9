package io.tandem.query.community;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The posts' search index: {@code community-posts-v<N>} behind the alias {@code community-posts}
 * ({@code tandem.search.post-index}; tests sharing one Elasticsearch set their own). Everything goes through the
 * alias, and every write names it with {@code require_alias}, so a missing alias fails the write instead of letting
 * Elasticsearch create an index with a guessed mapping; the index is then created with {@link #MAPPING} and the
 * write repeated. A reset moves the alias to a new, empty version in one atomic request.
 * <p>
 * Documents carry the post aggregate's sequence number as their external version: Elasticsearch keeps the newest
 * and refuses an older one, so a re-delivered event changes nothing; a deletion is versioned the same way.
 */
@Component
class PostIndex {

    /** How often new documents become searchable. */
    static final String REFRESH_INTERVAL = "1s";
    /** Elasticsearch's default max_result_window: no page reaches past it. */
    static final int MAX_WINDOW = 10_000;

    private static final Logger log = LoggerFactory.getLogger(PostIndex.class);

    /**
     * {@code dynamic: strict} refuses a document with a field the mapping does not name. Titles and content go
     * through nori (the in-JVM node's NoriAnalysisPlugin, the compose image's analysis-nori), which splits Korean
     * into words and drops particles and endings, so 카페 finds "카페에서"; other scripts come out as lower-case words.
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
                    "korean": {
                      "type": "custom",
                      "tokenizer": "korean_tokenizer",
                      "filter": ["nori_part_of_speech", "nori_readingform", "lowercase"]
                    }
                  }
                }
              },
              "mappings": {
                "dynamic": "strict",
                "properties": {
                  "post_id":        { "type": "keyword" },
                  "author_id":      { "type": "keyword" },
                  "title":          { "type": "text", "analyzer": "korean" },
                  "content":        { "type": "text", "analyzer": "korean" },
                  "image_file_ids": { "type": "keyword", "index": false },
                  "created_at":     { "type": "date" },
                  "edited_at":      { "type": "date", "index": false }
                }
              }
            }""".formatted(REFRESH_INTERVAL);

    private final ElasticsearchClient client;
    private final String alias;
    private volatile boolean ready;

    PostIndex(ElasticsearchClient searchClient,
              @Value("${tandem.search.post-index:community-posts}") String alias) {
        this.client = searchClient;
        this.alias = alias;
    }

    // --- writing ---

    record Stored(PostDocument document, long version) {
    }

    /** The post's document as last written (realtime: no refresh needed), if any. */
    Optional<Stored> get(String postId) {
        try {
            GetResponse<PostDocument> response = client.get(g -> g.index(alias).id(postId), PostDocument.class);
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

    /** Writes the document as version {@code version}; an equal or newer version already there wins. */
    void put(PostDocument document, long version) {
        ensure();
        try {
            index(document, version);
        } catch (ElasticsearchException e) {
            if (!missingIndex(e)) {
                throw e;
            }
            ready = false;
            ensure();
            index(document, version);
        }
    }

    private void index(PostDocument document, long version) {
        try {
            client.index(i -> i.index(alias).id(document.postId()).document(document)
                               .version(version).versionType(VersionType.External).requireAlias(true));
        } catch (ElasticsearchException e) {
            if (!versionConflict(e)) {
                throw e;
            }
            log.debug("Post {} is already indexed at version {} or newer", document.postId(), version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the post as of version {@code version}; a newer document, or none at all, stays as it is. */
    void delete(String postId, long version) {
        // a versioned delete would create a missing index with a guessed mapping
        ensure();
        try {
            client.delete(d -> d.index(alias).id(postId).version(version).versionType(VersionType.External));
        } catch (ElasticsearchException e) {
            if (!versionConflict(e) && e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the first index with the alias unless the alias exists (checked once per start, or after a miss). */
    private void ensure() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            if (!call(() -> client.indices().existsAlias(a -> a.name(alias)).value())) {
                String first = name(latestVersion(versionIndices()) + 1);
                create(first);
                call(() -> client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(first)
                                                                                        .alias(alias)))));
                log.info("Post search index {} is now {}", first, alias);
            }
            ready = true;
        }
    }

    /** Replaces the index by an empty new version, moving the alias and deleting every older version at once. */
    synchronized void recreate() {
        List<String> old = versionIndices();
        String next = name(latestVersion(old) + 1);
        create(next);
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of(a -> a.add(add -> add.index(next).alias(alias))));
        old.forEach(index -> actions.add(Action.of(a -> a.removeIndex(remove -> remove.index(index)))));
        call(() -> client.indices().updateAliases(u -> u.actions(actions)));
        ready = true;
        log.info("Recreated the post search index as {} (replacing {})", next, old);
    }

    /**
     * Creates the index without the alias and waits for its primary shard: searches through the alias would fail
     * until then, so the alias is given to it only afterwards.
     */
    private void create(String name) {
        try {
            client.indices().create(c -> c.index(name).withJson(new StringReader(MAPPING)));
            log.info("Created post search index {}", name);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call(() -> client.cluster().health(h -> h.index(name).waitForStatus(HealthStatus.Yellow)
                                                 .timeout(t -> t.time("30s"))));
    }

    private String name(int version) {
        return alias + "-v" + version;
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

    /** One slice of a list: the total only when asked by page, the next cursor while more follow. */
    record Slice(List<PostDocument> documents, Long total, String nextCursor) {
    }

    /**
     * Without text every post, newest first; with text the posts whose title or content holds all of its words,
     * best match first, then newest. Ties end on the post id, so the order is total and a cursor (the sort values of
     * the last post handed out, continued with {@code search_after}) never skips or repeats a post. Pages and
     * cursors share the query and the order: a page adds {@code from} and the total, a cursor
     * {@code search_after}; both ask for one post more than the slice to learn whether another follows.
     */
    Slice search(String text, PageRequest page) {
        boolean byRelevance = text != null;
        Cursor after = page.after(byRelevance ? 3 : 2);
        List<FieldValue> searchAfter = after == null ? null : sortValues(after, byRelevance);
        boolean beyondWindow = (long) page.offset() + page.probeSize() > MAX_WINDOW;
        Query query = byRelevance ? matching(text) : Query.of(q -> q.matchAll(m -> m));
        SearchRequest request = SearchRequest.of(s -> {
            s.index(alias).query(query).sort(order(byRelevance))
             .from(beyondWindow ? 0 : page.offset()).size(beyondWindow ? 0 : page.probeSize())
             .trackTotalHits(t -> t.enabled(page.byPage()));
            return searchAfter == null ? s : s.searchAfter(searchAfter);
        });
        SearchResponse<PostDocument> response;
        try {
            response = client.search(request, PostDocument.class);
        } catch (ElasticsearchException e) {
            if (missingIndex(e)) {
                // nothing indexed yet: the alias appears with the first post
                return new Slice(List.of(), page.byPage() ? 0L : null, null);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Hit<PostDocument>> hits = response.hits().hits();
        List<Hit<PostDocument>> shown = hits.subList(0, Math.min(page.size(), hits.size()));
        String nextCursor = hits.size() > page.size() ? cursorAfter(shown.get(shown.size() - 1)) : null;
        Long total = page.byPage() ? (response.hits().total() == null ? 0 : response.hits().total().value()) : null;
        return new Slice(shown.stream().map(Hit::source).filter(Objects::nonNull).toList(), total, nextCursor);
    }

    static Query matching(String text) {
        return Query.of(q -> q.multiMatch(m -> m.query(text).fields("title^2", "content")
                                               .type(TextQueryType.CrossFields).operator(Operator.And)));
    }

    private static List<SortOptions> order(boolean byRelevance) {
        List<SortOptions> order = new ArrayList<>();
        if (byRelevance) {
            order.add(SortOptions.of(o -> o.score(s -> s.order(SortOrder.Desc))));
        }
        order.add(SortOptions.of(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))));
        order.add(SortOptions.of(o -> o.field(f -> f.field("post_id").order(SortOrder.Desc))));
        return order;
    }

    private static String cursorAfter(Hit<PostDocument> last) {
        return Cursor.of(last.sort().stream().map(value -> String.valueOf(value._get())).toArray()).encode();
    }

    /** The cursor's values as {@link #order} sorts: the score (with text), created_at in epoch millis, the id. */
    private static List<FieldValue> sortValues(Cursor cursor, boolean byRelevance) {
        try {
            List<FieldValue> values = new ArrayList<>();
            int next = 0;
            if (byRelevance) {
                double score = Double.parseDouble(cursor.value(next++));
                if (!Double.isFinite(score)) {
                    throw new NumberFormatException("not a score: " + score);
                }
                values.add(FieldValue.of(score));
            }
            values.add(FieldValue.of(Long.parseLong(cursor.value(next++))));
            values.add(FieldValue.of(cursor.value(next)));
            return values;
        } catch (NumberFormatException e) {
            throw new RejectedException(Rejection.invalid("invalid_cursor",
                                                          "The cursor is not one this API handed out."));
        }
    }

    private static boolean missingIndex(ElasticsearchException e) {
        return e.status() == 404 && "index_not_found_exception".equals(e.error().type());
    }

    private static boolean versionConflict(ElasticsearchException e) {
        return e.status() == 409 && "version_conflict_engine_exception".equals(e.error().type());
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
