package io.tandem.platform.security;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The signed-in user of the current request, as the access token names them. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static String id() {
        return token().getSubject();
    }

    /** The access token itself, for what depends on its lifetime (live channels end with it). */
    public static Jwt token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt;
        }
        throw new RejectedException(Rejection.unauthorized("unauthenticated", "Sign in first."));
    }

    public static boolean isAdmin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                                                       .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
