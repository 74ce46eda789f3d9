package io.tandem.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Paths anyone may call without a token (sign-up, login, health, public images), and whether the API document and
 * the metrics are open to anyone too ({@code tandem.security.public-api-docs}, {@code public-metrics}): off by
 * default, so that on a launcher exposed as it is they need an administrator's token.
 */
@ConfigurationProperties(prefix = "tandem.security")
public record PublicPathsProperties(List<String> publicPaths, boolean publicApiDocs, boolean publicMetrics) {

    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};
    static final String[] METRICS = {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"};

    public PublicPathsProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
