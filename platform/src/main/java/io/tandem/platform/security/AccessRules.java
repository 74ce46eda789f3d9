package io.tandem.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Request rules a module adds to the one filter chain, ahead of the defaults (public paths, {@code /api/admin/**} for
 * ADMIN, everything else for any signed-in user), so a module that opens part of {@code /api/admin/**} to other roles
 * says so in one place of its own.
 */
@FunctionalInterface
public interface AccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
