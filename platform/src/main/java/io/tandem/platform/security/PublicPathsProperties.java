package io.tandem.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Paths anyone may call without a token (sign-up, login, health, API docs, public images), and paths whose clients
 * cannot set headers (a browser's EventSource) and so may send the token as {@code access_token} in the query.
 */
@ConfigurationProperties(prefix = "tandem.security")
public record PublicPathsProperties(List<String> publicPaths, List<String> tokenInQueryPaths) {

    public PublicPathsProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        tokenInQueryPaths = tokenInQueryPaths == null ? List.of() : List.copyOf(tokenInQueryPaths);
    }
}
