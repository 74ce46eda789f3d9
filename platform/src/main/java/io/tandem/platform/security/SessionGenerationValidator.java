package io.tandem.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses access tokens issued before their user's sessions were ended (see {@link SessionGenerations}). */
final class SessionGenerationValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                                                               "The access token was revoked", null);

    private final SessionGenerations generations;

    SessionGenerationValidator(SessionGenerations generations) {
        this.generations = generations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object claim = token.getClaims().get(SessionGenerations.CLAIM);
        long generation = claim instanceof Number number ? number.longValue() : 0;
        if (token.getSubject() == null || generation < generations.current(token.getSubject())) {
            return OAuth2TokenValidatorResult.failure(REVOKED);
        }
        return OAuth2TokenValidatorResult.success();
    }
}
