package io.tandem.query.community;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.search.IndexBody;
import io.tandem.query.search.VersionedIndex;
import io.tandem.query.search.VersionedIndex.Stored;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The posts' search index: {@code community-posts-v<N>} behind the alias {@code community-posts}
 * ({@code tandem.search.post-index}; tests sharing one Elasticsearch set their own), a {@link VersionedIndex}:
 * documents carry the post aggregate's sequence number as their external version, deletions too, and a reset moves
 * the alias to a new, empty version.
 */
@Component
class PostIndex {

    /** How often new documents become searchable. */
    static final String REFRESH_INTERVAL = "1s";

    /** Titles and content go through the {@code korean} analyzer ({@link IndexBody}). */
    static final String PROPERTIES = """
            {
              "post_id":        { "type": "keyword" },
              "author_id":      { "type": "keyword" },
              "title":          { "type": "text", "analyzer": "korean" },
              "content":        { "type": "text", "analyzer": "korean" },
              "image_file_ids": { "type": "keyword", "index": false },
              "created_at":     { "type": "date" },
              "edited_at":      { "type": "date", "index": false }
            }""";

    private final VersionedIndex<PostDocument> index;

    PostIndex(ElasticsearchClient searchClient,
              @Value("${tandem.search.post-index:community-posts}") String alias) {
        this.index = new VersionedIndex<>(searchClient, alias, IndexBody.of(REFRESH_INTERVAL, PROPERTIES),
                                          PostDocument.class, PostDocument::postId);
    }

    // --- writing ---

    /** The post's document as last written (realtime: no refresh needed), if any. */
    Optional<Stored<PostDocument>> get(String postId) {
        return index.get(postId);
    }

    /** Writes the document as version {@code version}; an equal or newer version already there wins. */
    void put(PostDocument document, long version) {
        index.put(document, version);
    }

    /** Removes the post as of version {@code version}; a newer document, or none at all, stays as it is. */
    void delete(String postId, long version) {
        index.delete(postId, version);
    }

    /** Removes every post of the author, whatever its version: they were erased. */
    void removePostsOf(String authorId) {
        index.deleteWhere("author_id", authorId);
    }

    /** Replaces the index by an empty new version. */
    void recreate() {
        index.recreate();
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
        boolean beyondWindow = (long) page.offset() + page.probeSize() > IndexBody.MAX_WINDOW;
        Query query = byRelevance ? matching(text) : Query.of(q -> q.matchAll(m -> m));
        Optional<SearchResponse<PostDocument>> found = index.search(s -> {
            s.query(query).sort(order(byRelevance))
             .from(beyondWindow ? 0 : page.offset()).size(beyondWindow ? 0 : page.probeSize())
             .trackTotalHits(t -> t.enabled(page.byPage()));
            return searchAfter == null ? s : s.searchAfter(searchAfter);
        });
        if (found.isEmpty()) {
            // nothing indexed yet: the alias appears with the first post
            return new Slice(List.of(), page.byPage() ? 0L : null, null);
        }
        SearchResponse<PostDocument> response = found.get();
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
        List<FieldValue> values = new ArrayList<>();
        int next = 0;
        if (byRelevance) {
            values.add(FieldValue.of(cursor.decimal(next++)));
        }
        values.add(FieldValue.of(cursor.number(next++)));
        values.add(FieldValue.of(cursor.value(next)));
        return values;
    }

}
