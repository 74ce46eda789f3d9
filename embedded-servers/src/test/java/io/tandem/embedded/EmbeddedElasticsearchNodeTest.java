package io.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EmbeddedElasticsearchNodeTest {

    private static final String KOREAN_INDEX = """
            {
              "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "analysis": {
                  "analyzer": {
                    "korean": {
                      "type": "custom",
                      "tokenizer": "nori_tokenizer",
                      "filter": ["nori_part_of_speech", "nori_readingform", "lowercase"]
                    }
                  }
                }
              },
              "mappings": {
                "properties": {
                  "name": { "type": "text", "analyzer": "korean" }
                }
              }
            }
            """;

    private static EmbeddedElasticsearchNode node;

    @BeforeAll
    static void startNode() {
        node = EmbeddedElasticsearchNode.startTemporary();
    }

    @AfterAll
    static void stopNode() {
        node.close();
        assertThat(node.dataDirectory()).doesNotExist();
    }

    @Test
    void findsKoreanTextByPartOfACompoundNoun() {
        String index = node.httpUrl() + "/airports";
        Http.ok("PUT", index, KOREAN_INDEX);
        Http.ok("PUT", index + "/_doc/icn?refresh=true", "{\"name\": \"인천국제공항\"}");

        String tokens = Http.ok("POST", index + "/_analyze", "{\"analyzer\": \"korean\", \"text\": \"인천국제공항\"}");
        assertThat(JsonPath.<List<String>>read(tokens, "$.tokens[*].token")).containsExactly("인천", "국제", "공항");

        String found = Http.ok("POST", index + "/_search", "{\"query\": {\"match\": {\"name\": \"인천\"}}}");
        assertThat(JsonPath.<Integer>read(found, "$.hits.total.value")).isEqualTo(1);
        assertThat(JsonPath.<List<String>>read(found, "$.hits.hits[*]._id")).containsExactly("icn");

        String notFound = Http.ok("POST", index + "/_search", "{\"query\": {\"match\": {\"name\": \"김포\"}}}");
        assertThat(JsonPath.<Integer>read(notFound, "$.hits.total.value")).isZero();
    }

    @Test
    void offersTheNoriAnalyzer() {
        String tokens = Http.ok("POST", node.httpUrl() + "/_analyze", "{\"analyzer\": \"nori\", \"text\": \"인천국제공항에서\"}");
        // the default stop tags drop the postposition 에서
        assertThat(JsonPath.<List<String>>read(tokens, "$.tokens[*].token")).containsExactly("인천", "국제", "공항");
    }

    @Test
    void answersTheRootEndpointLikeTheDistribution() {
        HttpResponse<String> root = Http.send("GET", node.httpUrl() + "/", null);
        assertThat(root.statusCode()).isEqualTo(200);
        // elasticsearch-java rejects responses without this header
        assertThat(root.headers().firstValue("X-elastic-product")).hasValue("Elasticsearch");
        assertThat(JsonPath.<String>read(root.body(), "$.version.number")).isEqualTo("8.19.21");
        assertThat(JsonPath.<String>read(root.body(), "$.version.lucene_version")).isEqualTo("9.12.2");
        assertThat(JsonPath.<String>read(root.body(), "$.cluster_uuid")).isNotBlank();

        assertThat(Http.send("HEAD", node.httpUrl() + "/", null).statusCode()).isEqualTo(200);
    }

    @Test
    void runsASecondNodeInTheSameJvmWhoseDataSurvivesARestart(@TempDir Path dataDirectory) {
        String firstUrl;
        try (EmbeddedElasticsearchNode second = EmbeddedElasticsearchNode.start(dataDirectory)) {
            firstUrl = second.httpUrl();
            assertThat(firstUrl).matches("http://127\\.0\\.0\\.1:\\d+").isNotEqualTo(node.httpUrl());
            Http.ok("PUT", firstUrl + "/notes/_doc/1?refresh=true", "{\"text\": \"kept\"}");
        }
        try (EmbeddedElasticsearchNode restarted = EmbeddedElasticsearchNode.start(dataDirectory)) {
            Http.ok("GET", restarted.httpUrl() + "/_cluster/health/notes?wait_for_status=yellow&timeout=30s", null);
            String count = Http.ok("GET", restarted.httpUrl() + "/notes/_count", null);
            assertThat(JsonPath.<Integer>read(count, "$.count")).isEqualTo(1);
        }
        assertThat(dataDirectory).isDirectoryContaining(path -> path.getFileName().toString().equals("_state"));
    }

    @Test
    void logsThroughSlf4jIntoLogback() {
        assertThat(LogManager.getContext(false).getClass().getName()).isEqualTo("org.apache.logging.slf4j.SLF4JLoggerContext");

        Logger elasticsearch = (Logger) LoggerFactory.getLogger("org.elasticsearch");
        Level configured = elasticsearch.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        elasticsearch.addAppender(events);
        elasticsearch.setLevel(Level.INFO);
        try {
            Http.ok("PUT", node.httpUrl() + "/logged", null);
        } finally {
            elasticsearch.setLevel(configured);
            elasticsearch.detachAppender(events);
        }
        assertThat(events.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("[logged] creating index"));
    }
}
