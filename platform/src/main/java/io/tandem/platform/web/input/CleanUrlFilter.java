package io.tandem.platform.web.input;

import io.tandem.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Holds the URL to {@link CleanText} before anything reads it: each query parameter, decoded, whatever type it is
 * bound to later (a date or an enum would otherwise quietly turn {@code %00} into "absent"), and the decoded path.
 * Only the query string is read, never a form body, so no upload is parsed here.
 */
public class CleanUrlFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String unclean = uncleanField(request);
        if (unclean != null) {
            ProblemResponses.writeInvalid(response, unclean, CleanText.PROBLEM);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String uncleanField(HttpServletRequest request) {
        if (!CleanText.isClean(request.getServletPath(), CleanText.Lines.REFUSED)
            || !CleanText.isClean(request.getPathInfo(), CleanText.Lines.REFUSED)) {
            return "path";
        }
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (!CleanText.isClean(name, CleanText.Lines.REFUSED)) {
                return "query";
            }
            if (!CleanText.isClean(value, CleanText.Lines.REFUSED)) {
                return name;
            }
        }
        return null;
    }

    /** As the container decodes it; what it cannot decode it drops, so nothing of it reaches a handler. */
    private static String decoded(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
