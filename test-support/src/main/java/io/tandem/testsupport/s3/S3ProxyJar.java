package io.tandem.testsupport.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds the S3Proxy jar. The parent pom's surefire configuration names two candidates, so every module's tests find
 * it without the jar being on their classpath: the copy test-support's build puts under its target directory, and
 * the same artifact in the local Maven repository (for builds that skipped or cleaned test-support).
 */
final class S3ProxyJar {

    static final String JAR_PROPERTY = "tandem.s3proxy.jar";
    static final String FALLBACK_JAR_PROPERTY = "tandem.s3proxy.fallback-jar";

    private S3ProxyJar() {
    }

    static Path locate() {
        List<String> candidates = Stream.of(JAR_PROPERTY, FALLBACK_JAR_PROPERTY)
                .map(System::getProperty)
                .filter(Objects::nonNull)
                .toList();
        return candidates.stream()
                .map(Path::of)
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "S3Proxy jar not found (looked at " + candidates + "). Run the tests through Maven, whose "
                                + "surefire configuration sets -D" + JAR_PROPERTY + " and -D" + FALLBACK_JAR_PROPERTY
                                + ", after `./mvnw -pl test-support install -DskipTests` has fetched the jar; "
                                + "from an IDE, set -D" + JAR_PROPERTY + "=<path to s3proxy-*-jar-with-dependencies.jar>."));
    }
}
