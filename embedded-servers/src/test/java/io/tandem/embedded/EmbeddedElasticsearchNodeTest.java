package io.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.netty.util.NettyRuntime;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // As the application's own Netty (AWS SDK, Reactor) may do before the first node starts: this fixes Netty's
        // processor count for the JVM
        assertThat(NettyRuntime.availableProcessors()).isPositive();
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
        // the default stop tags drop the postposition 에서
        assertThat(tokens("{\"analyzer\": \"nori\", \"text\": \"인천국제공항에서\"}")).containsExactly("인천", "국제", "공항");
    }

    @Test
    void honoursTheSettingsOfTheNoriTokenizerAndFilters() {
        assertThat(tokens("{\"tokenizer\": \"nori_tokenizer\", \"text\": \"가곡역\"}")).containsExactly("가곡", "역");
        assertThat(tokens("{\"tokenizer\": {\"type\": \"nori_tokenizer\", \"decompound_mode\": \"none\"},"
                + " \"text\": \"가곡역\"}")).containsExactly("가곡역");
        assertThat(tokens("{\"tokenizer\": {\"type\": \"nori_tokenizer\", \"user_dictionary_rules\": [\"탠덤배송\"]},"
                + " \"text\": \"탠덤배송\"}")).containsExactly("탠덤배송");
        assertThat(tokens("{\"tokenizer\": \"nori_tokenizer\", \"filter\": [\"nori_readingform\"], \"text\": \"鄕歌\"}"))
                .containsExactly("향가");
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
        assertThat(LogManager.getContext(false).getClass().getName())
                .isEqualTo("org.apache.logging.slf4j.SLF4JLoggerContext");
        assertThat(ElasticsearchLogs.during(() -> Http.ok("PUT", node.httpUrl() + "/logged", null)))
                .anyMatch(message -> message.contains("[logged] creating index"));
    }

    private static List<String> tokens(String analyzeRequest) {
        return JsonPath.read(Http.ok("POST", node.httpUrl() + "/_analyze", analyzeRequest), "$.tokens[*].token");
    }
}
