package io.tandem.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param secret     base64 of at least 32 random bytes, shared by every side; from the environment in production
 * @param secretFile where the embedded default keeps a generated secret when none is given, so tokens survive a restart
 */
@ConfigurationProperties(prefix = "tandem.security.jwt")
public record JwtProperties(String secret,
                            Path secretFile,
                            @DefaultValue("tandem") String issuer,
                            @DefaultValue("30m") Duration accessTokenTtl,
                            @DefaultValue("7d") Duration refreshTokenTtl) {
}
