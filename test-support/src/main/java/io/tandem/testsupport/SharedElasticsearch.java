package io.tandem.testsupport;

import io.tandem.embedded.EmbeddedElasticsearchNode;

/**
 * One real Elasticsearch node per test JVM, inside the JVM on a temporary directory, started on first use and
 * stopped when the JVM exits. Tests that share it should use index names of their own. Safe to use from any number
 * of test classes and threads.
 */
public final class SharedElasticsearch {

    private static EmbeddedElasticsearchNode node;

    private SharedElasticsearch() {
    }

    /** The node's HTTP endpoint, {@code http://127.0.0.1:PORT}. */
    public static String httpUrl() {
        return node().httpUrl();
    }

    private static synchronized EmbeddedElasticsearchNode node() {
        if (node == null) {
            EmbeddedElasticsearchNode started = EmbeddedElasticsearchNode.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-elasticsearch-stop"));
            node = started;
        }
        return node;
    }
}
