package io.tandem.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** Paths anyone may call without a token (sign-up, login, health, API docs, public images). */
@ConfigurationProperties(prefix = "tandem.security")
public record PublicPathsProperties(List<String> publicPaths) {

    public PublicPathsProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
