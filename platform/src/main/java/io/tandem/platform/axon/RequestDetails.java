package io.tandem.platform.axon;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a request says about its sender, cleaned for the audit trail. The address is Tomcat's: with
 * {@code server.forward-headers-strategy=native} its RemoteIpValve has already taken it from {@code X-Forwarded-For}
 * when, and only when, the connection came from a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}).
 *
 * @param reason the {@link AuditMetadata#REASON_HEADER} of an administrator or operator; null for anyone else
 */
record RequestDetails(String clientIp, String userAgent, String reason) {

    static RequestDetails of(HttpServletRequest request, boolean acting) {
        return new RequestDetails(request.getRemoteAddr(),
                                  clean(request.getHeader("User-Agent"), AuditMetadata.USER_AGENT_LIMIT),
                                  acting ? clean(decoded(request.getHeader(AuditMetadata.REASON_HEADER)),
                                                 AuditMetadata.REASON_LIMIT) : null);
    }

    private static String decoded(String header) {
        if (header == null) {
            return null;
        }
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return header; // not URL-encoded after all: kept as sent
        }
    }

    /** Control characters become spaces (no forged log lines, nothing PostgreSQL refuses), then it is cut. */
    static String clean(String value, int limit) {
        if (value == null) {
            return null;
        }
        String cleaned = value.replaceAll("\\p{Cntrl}", " ").strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.length() <= limit ? cleaned : cleaned.substring(0, limit);
    }
}
