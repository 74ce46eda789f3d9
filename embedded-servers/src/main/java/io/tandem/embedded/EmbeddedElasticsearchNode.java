package io.tandem.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.Build;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node running inside this JVM, with HTTP on a random port of 127.0.0.1.
 * <p>
 * It has what Maven Central publishes: the server, the Netty transport, Korean analysis ({@link NoriAnalysisPlugin})
 * and {@code GET /} ({@link RootEndpointPlugin}). It has no painless scripting, no {@code _reindex} or
 * {@code _delete_by_query}, no {@code scaled_float} and nothing of x-pack. Several nodes may run in one JVM, each on
 * its own data directory (a node locks its directory).
 * <p>
 * Elasticsearch logs through the Log4j API, which this module's {@code log4j2.component.properties} binds to SLF4J.
 * Do not set {@code logger.*} cluster settings: applying them needs log4j-core as the Log4j provider.
 */
public final class EmbeddedElasticsearchNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearchNode.class);

    private static final String NETTY_PROCESSORS_PROPERTY = "es.set.netty.runtime.available.processors";

    private static final List<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4Plugin.class, NoriAnalysisPlugin.class, RootEndpointPlugin.class);

    static {
        // Elasticsearch's own logging facade has no implementation until this is called; the distribution's
        // bootstrap, which an in-process node skips, calls it.
        LogConfigurator.configureESLogging();
        // Netty takes its processor count once per JVM, and reading it fixes it. If the application's own Netty
        // (AWS SDK, Reactor) read it first, Elasticsearch's attempt to set it would fail the node; the count Netty
        // already has is the same one, so Elasticsearch is told not to set it.
        if (System.getProperty(NETTY_PROCESSORS_PROPERTY) == null) {
            System.setProperty(NETTY_PROCESSORS_PROPERTY, "false");
        }
    }

    private final Node node;
    private final Path home;
    private final Path dataDirectory;
    private final String httpUrl;

    private EmbeddedElasticsearchNode(Node node, Path home, Path dataDirectory, String httpUrl) {
        this.node = node;
        this.home = home;
        this.dataDirectory = dataDirectory;
        this.httpUrl = httpUrl;
    }

    /** Starts a node whose indices live in {@code dataDirectory} and survive restarts. */
    public static EmbeddedElasticsearchNode start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /** As {@link #start(Path)}, with HTTP on {@code httpPort} of 127.0.0.1, or on a free one if it is 0. */
    public static EmbeddedElasticsearchNode start(Path dataDirectory, int httpPort) {
        return launch(Directories.createIfMissing(dataDirectory.toAbsolutePath().normalize()), httpPort);
    }

    /** Starts a node on a temporary directory that is deleted on {@link #close()}. */
    public static EmbeddedElasticsearchNode startTemporary() {
        return launch(null, 0);
    }

    /** @param persistentData the data directory, or null for a temporary one */
    private static EmbeddedElasticsearchNode launch(Path persistentData, int httpPort) {
        long startNanos = System.nanoTime();
        // path.home only holds the empty config, plugins and logs directories a node expects, and temporary data
        Path home = Directories.createTemp("tandem-es-");
        Path data = persistentData != null ? persistentData : home.resolve("data");
        Node node = null;
        try {
            node = new ClasspathPluginsNode(settings(home, data, httpPort), PLUGINS);
            node.start();
            InetSocketAddress http = node.injector().getInstance(HttpServerTransport.class)
                    .boundAddress().publishAddress().address();
            String httpUrl = "http://" + http.getHostString() + ":" + http.getPort();
            log.info("Elasticsearch {} started in {} ms at {} with data in {}", Build.current().version(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), httpUrl, data);
            return new EmbeddedElasticsearchNode(node, home, data, httpUrl);
        } catch (Exception e) {
            if (node != null) {
                stop(node, data);
            }
            Directories.deleteRecursively(home);
            throw new IllegalStateException("Elasticsearch did not start with data in " + data, e);
        }
    }

    private static Settings settings(Path home, Path data, int httpPort) {
        return Settings.builder()
                .put("cluster.name", "tandem")
                .put("node.name", "tandem")
                .put("path.home", home.toString())
                .put("path.data", data.toString())
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", Integer.toString(httpPort))
                .put("transport.port", "0")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // The heap is shared with the application, so its real usage says little about Elasticsearch's:
                // the parent circuit breaker counts only what Elasticsearch reserves itself.
                .put("indices.breaker.total.use_real_memory", false)
                .build();
    }

    /** The HTTP endpoint, {@code http://127.0.0.1:PORT}. */
    public String httpUrl() {
        return httpUrl;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the node; a temporary node's data is deleted. */
    @Override
    public void close() {
        stop(node, dataDirectory);
        Directories.deleteRecursively(home);
        log.info("Elasticsearch at {} stopped", httpUrl);
    }

    private static void stop(Node node, Path data) {
        try {
            node.close();
            if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                log.warn("Elasticsearch with data in {} did not stop within 30 s", data);
            }
        } catch (IOException e) {
            log.warn("Elasticsearch with data in {} did not stop cleanly", data, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
