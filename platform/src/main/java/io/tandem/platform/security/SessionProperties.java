package io.tandem.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param sessionTable      the session generation table, optionally schema-qualified; in services mode every side
 *                          must name the same one (e.g. {@code command.session_generation})
 * @param sessionCacheTtl   how long a node trusts a user's generation it has read: a sign-out on another node ends
 *                          this node's acceptance of the user's older access tokens within this time
 * @param freshAuthWindow   how long after signing in (not refreshing) an access token may confirm an erasure
 *                          without the password
 */
@ConfigurationProperties(prefix = "tandem.security")
public record SessionProperties(@DefaultValue("session_generation") String sessionTable,
                                @DefaultValue("5s") Duration sessionCacheTtl,
                                @DefaultValue("5m") Duration freshAuthWindow) {
}
