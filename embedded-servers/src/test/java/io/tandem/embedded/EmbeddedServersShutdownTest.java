package io.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** What a JVM logs while it starts and what happens at its exit can only be seen from outside that JVM. */
class EmbeddedServersShutdownTest {

    @Test
    void serversLogTheirStartAsItHappensAndStopAfterTheContextClosedWhenTheJvmExits()
            throws IOException, InterruptedException {
        Path dataDirectory = Path.of("target", "embedded-servers-test", UUID.randomUUID().toString()).toAbsolutePath();
        Process application = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ShutdownOrderApplication.class.getName(),
                "--tandem.embedded.enabled=true",
                "--tandem.data-dir=" + dataDirectory)
                .redirectErrorStream(true)
                .start();
        List<String> output;
        try {
            output = new String(application.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(application.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            application.destroyForcibly();
        }

        assertThat(application.exitValue()).as(String.join("\n", output)).isZero();
        int contextClosed = indexOf(output, ShutdownOrderApplication.CLOSED_WITH_SERVERS_UP);
        assertThat(contextClosed).as(String.join("\n", output)).isNotNegative();
        // each server says it is starting, then that it is ready and how long that took, before the context runs
        List<Integer> startup = List.of(
                indexOf(output, ".*Starting embedded PostgreSQL with data in .* \\(binaries unpacked under .*\\)"),
                indexOf(output, ".*PostgreSQL started in \\d+ ms on port \\d+ with data in .*"),
                indexOf(output, ".*Starting embedded Elasticsearch with data in .*"),
                indexOf(output, ".*Elasticsearch \\S+ started in \\d+ ms at http://127\\.0\\.0\\.1:\\d+ with data in .*"),
                contextClosed);
        assertThat(startup).as(String.join("\n", output)).isSorted().doesNotContain(-1);
        assertThat(indexOf(output, ".*PostgreSQL on port \\d+ stopped")).isGreaterThan(contextClosed);
        assertThat(indexOf(output, ".*Elasticsearch at \\S+ stopped")).isGreaterThan(contextClosed);
        // removed by a clean shutdown only
        assertThat(dataDirectory.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    private static int indexOf(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(regex)) {
                return i;
            }
        }
        return -1;
    }
}
