package io.tandem.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id} or the gateway's {@code X-Request-Id}
 * when well-formed, else a new one), puts it in the log context and hands it on to the messages the request sends.
 */
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Correlation-Id";
    private static final String GATEWAY_HEADER = "X-Request-Id";
    private static final String MDC_KEY = "correlation_id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = wellFormed(request.getHeader(HEADER));
        if (correlationId == null) {
            correlationId = wellFormed(request.getHeader(GATEWAY_HEADER));
        }
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        MDC.put(MDC_KEY, correlationId);
        response.setHeader(HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static String wellFormed(String value) {
        return value != null && WELL_FORMED.matcher(value).matches() ? value : null;
    }
}
