package io.tandem.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a problem+json answer where no controller advice can: in servlet filters, in the security firewall and
 * in the servlet container's own error reporting. Same shape as {@link ProblemDetailsAdvice}'s.
 */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        write(response, status, json(status, code, detail));
    }

    /** A 400 naming one bad field, like the advice's {@code invalid_request}. */
    public static void writeInvalid(HttpServletResponse response, String field, String message) throws IOException {
        Map<String, Object> problem = problem(HttpStatus.BAD_REQUEST, "invalid_request",
                                              "Invalid request: " + field + " " + message);
        problem.put("errors", List.of(Map.of("field", field, "message", message)));
        write(response, HttpStatus.BAD_REQUEST, text(problem));
    }

    public static String json(HttpStatus status, String code, String detail) {
        return text(problem(status, code, detail));
    }

    /** The stable code of a status without a more specific one: {@code payload_too_large}, {@code not_found}. */
    public static String codeOf(HttpStatus status) {
        return status.name().toLowerCase();
    }

    private static Map<String, Object> problem(HttpStatus status, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("code", code);
        return problem;
    }

    private static void write(HttpServletResponse response, HttpStatus status, String json) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String text(Map<String, Object> problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
