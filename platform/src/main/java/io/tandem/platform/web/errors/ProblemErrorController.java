package io.tandem.platform.web.errors;

import io.swagger.v3.oas.annotations.Hidden;
import io.tandem.platform.web.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page: whatever ended in {@code sendError} (a filter, the container's own checks)
 * leaves as problem+json with a stable code, as errors from controllers do.
 */
@RestController
@Hidden
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        if (status == null || status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
                ? "Something went wrong on our side." : ProblemErrorReportValve.detailOf(status));
        body.setProperty("code", status.is5xxServerError() ? "internal_error" : ProblemResponses.codeOf(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
