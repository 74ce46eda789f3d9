package io.tandem.platform.web.errors;

import io.tandem.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * Spring Security's firewall refuses suspicious requests (traversal, {@code ;}, encoded separators, odd methods);
 * they get a 400 problem+json instead of a bare error dispatch.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "rejected_request",
                               "The request's method, path or headers are not accepted.");
    }
}
