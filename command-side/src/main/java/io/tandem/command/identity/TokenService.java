package io.tandem.command.identity;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityCommands.IssueRefreshTokenCommand;
import io.tandem.api.identity.IdentityCommands.RotateRefreshTokenCommand;
import io.tandem.api.identity.IssuedSession;
import io.tandem.api.identity.RefreshOutcome;
import io.tandem.api.identity.Role;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.security.JwtProperties;
import io.tandem.platform.security.SecurityConfiguration;
import io.tandem.platform.security.SessionGenerations;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues token pairs: a short-lived signed access token and an opaque refresh token
 * {@code <user id>.<token id>.<secret>} whose secret only the client ever sees; the account keeps its hash. Access
 * tokens name the user's session generation (ended sessions revoke them, {@link SessionGenerations}) and, when they
 * come from signing in rather than a refresh, when that was ({@value #AUTH_TIME}).
 */
@Service
class TokenService {

    /** When the user signed in to get the token (epoch seconds), in tokens from a sign-in only. */
    static final String AUTH_TIME = "auth_time";

    private static final Pattern REFRESH_TOKEN = Pattern.compile(
            "([0-9a-f-]{36})\\.([0-9a-f-]{36})\\.([A-Za-z0-9_-]{43})");

    private final CommandGateway commands;
    private final JwtEncoder jwtEncoder;
    private final JwtProperties properties;
    private final SessionGenerations sessions;
    private final SecureRandom random = new SecureRandom();

    TokenService(CommandGateway commands, JwtEncoder jwtEncoder, JwtProperties properties,
                 SessionGenerations sessions) {
        this.commands = commands;
        this.jwtEncoder = jwtEncoder;
        this.properties = properties;
        this.sessions = sessions;
    }

    /** A new session for a user who just proved who they are (password or Kakao). */
    TokenPair startSession(String userId) {
        NewRefreshToken refresh = newRefreshToken(userId);
        IssuedSession session = commands.sendAndWait(new IssueRefreshTokenCommand(
                userId, refresh.tokenId(), UUID.randomUUID().toString(), refresh.hash(), refresh.expiresAt()));
        return pair(userId, session.roles(), refresh, true);
    }

    TokenPair rotate(String presentedToken) {
        var matcher = REFRESH_TOKEN.matcher(presentedToken);
        if (!matcher.matches()) {
            throw invalidRefreshToken();
        }
        String userId = matcher.group(1);
        NewRefreshToken next = newRefreshToken(userId);
        RefreshOutcome outcome;
        try {
            outcome = commands.sendAndWait(new RotateRefreshTokenCommand(
                    userId, matcher.group(2), sha256(matcher.group(3)), next.tokenId(), next.hash(),
                    next.expiresAt()));
        } catch (RuntimeException failure) {
            if (Rejections.isNotFound(failure)) {
                throw invalidRefreshToken();
            }
            throw failure;
        }
        return switch (outcome.status()) {
            case ROTATED -> pair(userId, outcome.roles(), next, false);
            case REUSE_DETECTED -> throw new RejectedException(Rejection.unauthorized(
                    "refresh_token_reused",
                    "This refresh token was already used; every token of its session is now revoked."));
            case REJECTED -> throw invalidRefreshToken();
        };
    }

    private TokenPair pair(String userId, Set<Role> roles, NewRefreshToken refresh, boolean signedInNow) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                                                  .issuer(properties.issuer())
                                                  .subject(userId)
                                                  .id(UUID.randomUUID().toString())
                                                  .issuedAt(now)
                                                  .expiresAt(now.plus(properties.accessTokenTtl()))
                                                  .claim(SecurityConfiguration.ROLES_CLAIM,
                                                         roles.stream().map(Role::name).sorted().toList())
                                                  .claim(SessionGenerations.CLAIM, sessions.stored(userId));
        if (signedInNow) {
            claims.claim(AUTH_TIME, now.getEpochSecond());
        }
        String accessToken = jwtEncoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(), claims.build())).getTokenValue();
        return new TokenPair(accessToken, refresh.value(), "Bearer", properties.accessTokenTtl().toSeconds(),
                             properties.refreshTokenTtl().toSeconds(), userId);
    }

    private NewRefreshToken newRefreshToken(String userId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String encodedSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String tokenId = UUID.randomUUID().toString();
        return new NewRefreshToken(userId + "." + tokenId + "." + encodedSecret, tokenId, sha256(encodedSecret),
                                   Instant.now().plus(properties.refreshTokenTtl()));
    }

    private static RejectedException invalidRefreshToken() {
        return new RejectedException(Rejection.unauthorized(
                "invalid_refresh_token", "The refresh token is unknown, expired, revoked or malformed."));
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private record NewRefreshToken(String value, String tokenId, String hash, Instant expiresAt) {
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn,
                     long refreshExpiresIn, String userId) {
    }
}
