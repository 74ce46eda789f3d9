package io.tandem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import co.elastic.clients.util.ObjectBuilder;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.tandem.query.search.IndexVersions.call;
import static io.tandem.query.search.IndexVersions.missingIndex;

/**
 * A search index of one kind of document, kept by a projection that writes each document with the sequence number of
 * the event it reflects as its external version: Elasticsearch keeps the newest and refuses an older one, so a
 * re-delivered or replayed event changes nothing; a deletion is versioned the same way.
 * <p>
 * Everything goes through the alias ({@link IndexVersions}), and every write names it with {@code require_alias}, so a
 * missing alias fails the write instead of letting Elasticsearch create an index with a guessed mapping; the first
 * version is then created from {@code body} and the write repeated. A reset moves the alias to a new, empty version
 * in one atomic request.
 *
 * @param <D> the document, serialised by the client's JSON mapper
 */
public final class VersionedIndex<D> {

    private static final Logger log = LoggerFactory.getLogger(VersionedIndex.class);

    private final ElasticsearchClient client;
    private final IndexVersions versions;
    private final String body;
    private final Class<D> type;
    private final Function<D, String> id;
    private volatile boolean ready;

    /**
     * @param body the create-index request of every version ({@link IndexBody})
     * @param id   the document's id
     */
    public VersionedIndex(ElasticsearchClient client, String alias, String body, Class<D> type,
                          Function<D, String> id) {
        this.client = client;
        this.versions = new IndexVersions(client, alias);
        this.body = body;
        this.type = type;
        this.id = id;
    }

    public String alias() {
        return versions.alias();
    }

    // --- writing ---

    public record Stored<D>(D document, long version) {
    }

    /** The document as last written (realtime: no refresh needed), if any. */
    public Optional<Stored<D>> get(String documentId) {
        try {
            GetResponse<D> response = client.get(g -> g.index(alias()).id(documentId), type);
            if (!response.found() || response.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Stored<>(response.source(), response.version() == null ? -1 : response.version()));
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
    public void put(D document, long version) {
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

    private void index(D document, long version) {
        String documentId = id.apply(document);
        try {
            client.index(i -> i.index(alias()).id(documentId).document(document)
                               .version(version).versionType(VersionType.External).requireAlias(true));
        } catch (ElasticsearchException e) {
            if (!versionConflict(e)) {
                throw e;
            }
            log.debug("{} {} is already indexed at version {} or newer", alias(), documentId, version);
        } catch (IOException e) {
            if (!versionConflict(e)) {
                throw new UncheckedIOException(e);
            }
            log.debug("{} {} is already indexed at version {} or newer", alias(), documentId, version);
        }
    }

    /** Removes the document as of version {@code version}; a newer document, or none at all, stays as it is. */
    public void delete(String documentId, long version) {
        // a versioned delete would create a missing index with a guessed mapping
        ensure();
        try {
            client.delete(d -> d.index(alias()).id(documentId).version(version).versionType(VersionType.External));
        } catch (ElasticsearchException e) {
            if (!versionConflict(e) && e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            if (!versionConflict(e)) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Removes every document whose keyword {@code field} is {@code value}, for facts that outrank the documents'
     * own history (a person erased). Each goes at its current version ({@code external_gte}): delete-by-query cannot
     * do that, as it refuses documents at the external version 0 that a first event gives them.
     */
    public void deleteWhere(String field, String value) {
        ensure();
        try {
            SearchResponse<Void> found = client.search(s -> s.index(alias())
                                                            .query(q -> q.term(t -> t.field(field).value(value)))
                                                            .source(source -> source.fetch(false))
                                                            .version(true)
                                                            .size(IndexBody.MAX_WINDOW),
                                                       Void.class);
            for (var hit : found.hits().hits()) {
                client.delete(d -> d.index(alias()).id(hit.id()).version(hit.version())
                                    .versionType(VersionType.ExternalGte));
            }
            client.indices().refresh(r -> r.index(alias()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the first version with the alias unless the alias exists (checked once per start, or after a miss). */
    private void ensure() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            if (!call(() -> client.indices().existsAlias(a -> a.name(alias())).value())) {
                String first = versions.name(versions.latestVersion(versions.versionIndices().keySet()) + 1);
                // the alias only once the primary shard has started: searches through it would fail until then
                versions.create(first, body, false);
                call(() -> client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(first)
                                                                                        .alias(alias())))));
                log.info("Search index {} is now {}", first, alias());
            }
            ready = true;
        }
    }

    /**
     * Replaces the index by an empty one: a new version is created, and one atomic request moves the alias to it and
     * deletes every older version.
     */
    public synchronized void recreate() {
        List<String> old = versions.versionIndices().keySet().stream().sorted().toList();
        String next = versions.name(versions.latestVersion(old) + 1);
        versions.create(next, body, false);
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of(a -> a.add(add -> add.index(next).alias(alias()))));
        old.forEach(index -> actions.add(Action.of(a -> a.removeIndex(remove -> remove.index(index)))));
        call(() -> client.indices().updateAliases(u -> u.actions(actions)));
        ready = true;
        log.info("Recreated search index {} as {} (replacing {})", alias(), next, old);
    }

    // --- reading ---

    /** Searches through the alias; empty while nothing has been indexed yet (the alias comes with the first write). */
    public Optional<SearchResponse<D>> search(Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request) {
        return versions.search(request, type);
    }

    private static boolean versionConflict(ElasticsearchException e) {
        return e.status() == 409 && "version_conflict_engine_exception".equals(e.error().type());
    }

    /**
     * The REST client transport turns only 400, 401, 403, 404 and 405 into an {@link ElasticsearchException}; a 409
     * arrives as the low-level client's {@link ResponseException}. A versioned write answers 409 only for a version
     * conflict.
     */
    private static boolean versionConflict(IOException e) {
        return e instanceof ResponseException response && response.getResponse().getStatusLine().getStatusCode() == 409;
    }
}
