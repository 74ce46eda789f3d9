package io.tandem.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers missing, expired or tampered tokens (401) and missing roles (403) as problem+json. */
class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
              "A valid access token is required: it is missing, expired, revoked or not signed by us.", request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this request.", request);
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String detail,
                              HttpServletRequest request) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write("""
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s","code":"%s"}"""
                .formatted(status.getReasonPhrase(), status.value(), detail, jsonSafe(request.getRequestURI()), code)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonSafe(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
