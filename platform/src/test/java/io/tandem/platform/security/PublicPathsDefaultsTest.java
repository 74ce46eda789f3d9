package io.tandem.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review L3: as shipped, the API document and the metrics are not public (an administrator's token opens
 * them), and the notification stream takes no access token in its URL (L2).
 */
class PublicPathsDefaultsTest {

    @Test
    void apiDocumentAndMetricsAreForAdministratorsUnlessOpened() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("defaults", new ClassPathResource("tandem-defaults.yml"))
                                      .forEach(environment.getPropertySources()::addLast);
        PublicPathsProperties shipped = Binder.get(environment).bind("tandem.security", PublicPathsProperties.class)
                                              .get();

        assertThat(shipped.publicApiDocs()).isFalse();
        assertThat(shipped.publicMetrics()).isFalse();
        assertThat(shipped.publicPaths()).noneMatch(path -> path.startsWith("/v3/api-docs")
                                                            || path.startsWith("/swagger-ui")
                                                            || path.startsWith("/actuator/prometheus")
                                                            || path.startsWith("/actuator/metrics"));
        assertThat(environment.containsProperty("tandem.security.token-in-query-paths[0]")).isFalse();
    }
}
