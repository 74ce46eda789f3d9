package io.tandem.command.identity;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.command.identity.AccountDirectory.Credentials;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import io.tandem.platform.security.SessionProperties;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Every check of a password (login, linking Kakao, confirming an erasure) counts against the account's allowance of
 * failures ({@code tandem.rate-limit.login-account}), whatever address the guesses come from, and costs the same
 * whether or not the account exists.
 */
@Component
class PasswordChecks {

    private final PasswordEncoder passwordEncoder;
    private final AccountDirectory directory;
    private final RateLimit failures;
    private final Duration freshSignIn;
    /** Compared against when there is no account or no password, so that costs as long as a wrong password. */
    private final String decoyHash;

    PasswordChecks(PasswordEncoder passwordEncoder, AccountDirectory directory, RateLimits limits,
                   SessionProperties sessions) {
        this.passwordEncoder = passwordEncoder;
        this.directory = directory;
        this.failures = limits.named("login-account");
        this.freshSignIn = sessions.freshAuthWindow();
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    /** Whether {@code password} is the password of the account ({@code login}: its email); 429 after too many fails. */
    boolean matches(String login, Optional<Credentials> account, String password) {
        failures.requireAllowance(login);
        String hash = account.map(Credentials::passwordHash).orElse(null);
        boolean matches = passwordEncoder.matches(password, hash != null ? hash : decoyHash);
        if (hash != null && matches) {
            failures.forget(login);
            return true;
        }
        failures.charge(login);
        return false;
    }

    /**
     * For what cannot be undone (erasure): a leaked or refreshed access token alone is not enough. The user's password,
     * or a token from signing in within {@code tandem.security.fresh-auth-window}, is.
     */
    void requireRecentSignInOrPassword(String userId, String password) {
        if (password != null) {
            Optional<Credentials> account = directory.findById(userId);
            String login = account.map(Credentials::email).orElse(userId);
            if (matches(login, account, password)) {
                return;
            }
        } else if (signedInSince(Instant.now().minus(freshSignIn))) {
            return;
        }
        throw new RejectedException(Rejection.forbidden(
                "reauthentication_required",
                "Confirm with your password, or sign in again and retry within " + freshSignIn.toMinutes()
                + " minutes."));
    }

    private static boolean signedInSince(Instant earliest) {
        if (SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof Jwt token
            && token.getClaims().get(TokenService.AUTH_TIME) instanceof Number signedInAt) {
            return !Instant.ofEpochSecond(signedInAt.longValue()).isBefore(earliest);
        }
        return false;
    }
}
