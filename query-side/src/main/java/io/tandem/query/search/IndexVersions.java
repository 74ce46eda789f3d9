package io.tandem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.ObjectBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The indices {@code <alias>-v<N>} of one search index, one version at a time behind its alias: a rebuild or a reset
 * fills a new version while readers, who always go through the alias, stay on the old one until the alias moves.
 * Which version is live and when the alias moves is the owner's business ({@link VersionedIndex}, or the flight
 * search's rebuild).
 */
public final class IndexVersions {

    private static final Logger log = LoggerFactory.getLogger(IndexVersions.class);

    private final ElasticsearchClient client;
    private final String alias;
    private final Pattern versionName;

    public IndexVersions(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
        this.versionName = Pattern.compile(Pattern.quote(alias) + "-v(\\d+)");
    }

    public String alias() {
        return alias;
    }

    public String name(int version) {
        return alias + "-v" + version;
    }

    /**
     * Creates the index unless it exists (another node may just have created it), with the alias in the same request
     * if asked, and waits for its primary shard: searches and writes fail until it has started.
     */
    public void create(String name, String body, boolean withAlias) {
        try {
            client.indices().create(c -> {
                c.index(name).withJson(new StringReader(body));
                return withAlias ? c.aliases(alias, a -> a) : c;
            });
            log.info("Created search index {}{}", name, withAlias ? " as " + alias : "");
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

    /** The indices of every version, with their aliases. */
    public Map<String, Set<String>> versionIndices() {
        return call(() -> client.indices().get(g -> g.index(alias + "-v*")))
                .result().entrySet().stream()
                .filter(index -> versionName.matcher(index.getKey()).matches())
                .collect(Collectors.toMap(Map.Entry::getKey, index -> index.getValue().aliases().keySet()));
    }

    /** The highest version among the indices, 0 without any. */
    public int latestVersion(Collection<String> indices) {
        int latest = 0;
        for (String index : indices) {
            Matcher matcher = versionName.matcher(index);
            if (matcher.matches()) {
                latest = Math.max(latest, Integer.parseInt(matcher.group(1)));
            }
        }
        return latest;
    }

    /** Searches through the alias; empty while there is no alias yet (nothing indexed so far). */
    public <T> Optional<SearchResponse<T>> search(Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request,
                                                  Class<T> type) {
        try {
            return Optional.of(client.search(s -> request.apply(s.index(alias)), type));
        } catch (ElasticsearchException e) {
            if (missingIndex(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean missingIndex(ElasticsearchException e) {
        return e.status() == 404 && "index_not_found_exception".equals(e.error().type());
    }

    /** A call to Elasticsearch, whose client declares IOException on every request. */
    public interface Call<T> {
        T run() throws IOException;
    }

    public static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
