package io.tandem.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.jdbc.DatabaseUnavailable;
import io.tandem.platform.storage.ImageTooLargeException;
import io.tandem.platform.storage.StoredObjectNotFoundException;
import io.tandem.platform.storage.UnreadableImageException;
import io.tandem.platform.storage.UnsupportedFileTypeException;
import io.tandem.platform.web.input.BodyTooLargeException;
import io.tandem.platform.web.input.CleanText;
import io.tandem.platform.web.input.CleanTextModule.UncleanTextException;
import io.tandem.platform.web.input.UncleanInputException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code code}; bad input names the offending field,
 * and nothing unexpected leaks beyond a generic 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(RejectedException.class)
    ResponseEntity<Object> rejected(RejectedException e) {
        return problem(e.rejection());
    }

    /** Query results are awaited with {@code join()}, which wraps whatever the handler threw. */
    @ExceptionHandler(CompletionException.class)
    ResponseEntity<Object> completion(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RejectedException rejected) {
            return rejected(rejected);
        }
        if (cause instanceof AxonException axonFailure) {
            return axon(axonFailure);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AxonException.class)
    ResponseEntity<Object> axon(AxonException e) {
        Optional<Rejection> rejection = Rejections.of(e);
        if (rejection.isPresent()) {
            return problem(rejection.get());
        }
        if (causedBy(e, ConcurrencyException.class)) {
            return problem(Rejection.conflict("concurrent_modification",
                                              "Someone else changed this at the same moment; try again."));
        }
        if (causedBy(e, AggregateNotFoundException.class)) {
            return problem(Rejection.notFound("not_found", "No such resource."));
        }
        return unexpected(e);
    }

    @ExceptionHandler(UnsupportedFileTypeException.class)
    ResponseEntity<Object> unsupportedFileType(UnsupportedFileTypeException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        body.setProperty("code", "unsupported_file_type");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(body);
    }

    @ExceptionHandler(UnreadableImageException.class)
    ResponseEntity<Object> unreadableImage(UnreadableImageException e) {
        return problem(Rejection.invalid("unreadable_image", "The image cannot be decoded."));
    }

    @ExceptionHandler(ImageTooLargeException.class)
    ResponseEntity<Object> imageTooLarge(ImageTooLargeException e) {
        return problem(Rejection.invalid("image_too_large", "The image may have at most " + e.maxPixels()
                                                            + " pixels (width times height)."));
    }

    @ExceptionHandler(StoredObjectNotFoundException.class)
    ResponseEntity<Object> storedObjectMissing(StoredObjectNotFoundException e) {
        return problem(Rejection.notFound("not_found", "No such file."));
    }

    /** A backing service (search, storage) that cannot be reached is a temporary outage, not a bug. */
    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<Object> backingServiceDown(UncheckedIOException e) {
        if (!causedBy(e, ConnectException.class)) {
            return unexpected(e);
        }
        log.warn("A backing service is unreachable: {}", e.getMessage());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                                                              "A service this request needs is not reachable; "
                                                              + "try again shortly.");
        body.setProperty("code", "service_unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(body);
    }

    /** The database did not answer in time (down, frozen, out of connections): a temporary outage, not a bug. */
    private static ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("The database did not answer: {}", e.getMessage());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                                                              "The database is not answering; try again shortly.");
        body.setProperty("code", "database_unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(body);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> fields = e.getConstraintViolations().stream()
                                     .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()),
                                                                v.getMessage()))
                                     .toList();
        return invalid(fields);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String why = e.getRootCause() instanceof UncleanInputException ? CleanText.PROBLEM : "has an invalid value";
        return invalid(List.of(new FieldProblem(e.getName(), why)));
    }

    @ExceptionHandler(UncleanInputException.class)
    ResponseEntity<Object> uncleanInput(UncleanInputException e) {
        return invalid(List.of(new FieldProblem(e.field(), CleanText.PROBLEM)));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(BodyTooLargeException e) {
        return payloadTooLarge();
    }

    private static ResponseEntity<Object> payloadTooLarge() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                                                              "The request body is larger than this endpoint "
                                                              + "accepts.");
        body.setProperty("code", "payload_too_large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(body);
    }

    /** A multipart body the container cannot parse (no boundary, cut short); too large is answered 413 above. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> malformedMultipart(MultipartException e) {
        return problem(Rejection.invalid("malformed_multipart", "The multipart body cannot be read."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                                                              "Something went wrong on our side.");
        body.setProperty("code", "internal_error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                                     .map(error -> new FieldProblem(JsonNames.of(error.getField()),
                                                                    messageOf(error)))
                                     .toList();
        return invalid(fields);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> fields = e.getParameterValidationResults().stream()
                                     .flatMap(result -> result.getResolvableErrors().stream().map(
                                             error -> new FieldProblem(
                                                     JsonNames.of(result.getMethodParameter().getParameterName()),
                                                     error.getDefaultMessage())))
                                     .toList();
        return invalid(fields);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(e, BodyTooLargeException.class)) {
            return payloadTooLarge();
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                                  .map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                                                                         : "[" + ref.getIndex() + "]")
                                  .collect(Collectors.joining(".")).replace(".[", "[");
            String why = mapping instanceof UncleanTextException ? CleanText.PROBLEM
                    : mapping instanceof InvalidFormatException || mapping instanceof MismatchedInputException
                    ? "has the wrong type or format" : "is malformed";
            return invalid(List.of(new FieldProblem(field, why)));
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                                                              "The request body is missing or is not valid JSON.");
        body.setProperty("code", "malformed_body");
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", HttpStatus.valueOf(status.value()).name().toLowerCase());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    static ResponseEntity<Object> problem(Rejection rejection) {
        HttpStatus status = HttpStatus.valueOf(rejection.kind().status());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, rejection.detail());
        body.setProperty("code", rejection.code());
        return ResponseEntity.status(status).body(body);
    }

    private static ResponseEntity<Object> invalid(List<FieldProblem> fields) {
        String detail = fields.stream().map(f -> f.field() + " " + f.message())
                              .distinct().collect(Collectors.joining("; "));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + detail);
        body.setProperty("code", "invalid_request");
        body.setProperty("errors", fields.stream().map(f -> Map.of("field", f.field(), "message", f.message()))
                                         .toList());
        return ResponseEntity.badRequest().body(body);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return JsonNames.of(dot < 0 ? propertyPath : propertyPath.substring(dot + 1));
    }

    private record FieldProblem(String field, String message) {
    }
}
