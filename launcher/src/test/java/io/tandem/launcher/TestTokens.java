package io.tandem.launcher;

import io.tandem.platform.security.JwtProperties;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Access tokens signed with the application's own key, for a role or a lifetime a test needs. */
record TestTokens(JwtEncoder encoder, JwtProperties properties) {

    String mint(String userId, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(properties.issuer()).subject(userId).issuedAt(now)
                            .expiresAt(now.plus(lifetime)).claim("roles", roles).build()))
                      .getTokenValue();
    }

    String user(String userId) {
        return mint(userId, List.of("USER"), Duration.ofHours(1));
    }

    String admin(String userId) {
        return mint(userId, List.of("USER", "ADMIN"), Duration.ofHours(1));
    }
}
