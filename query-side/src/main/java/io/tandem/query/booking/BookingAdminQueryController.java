package io.tandem.query.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.booking.BookingQueries.BookingPage;
import io.tandem.api.booking.BookingQueries.BookingView;
import io.tandem.api.booking.BookingQueries.FindBookingQuery;
import io.tandem.api.booking.BookingQueries.ListBookingsQuery;
import io.tandem.api.booking.BookingQueries.SearchBookingsQuery;
import io.tandem.api.booking.BookingStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;

/** Every booking, for admins: filtered lists from PostgreSQL, free-text search from Elasticsearch. */
@RestController
@Tag(name = "Admin: bookings")
class BookingAdminQueryController {

    private final QueryGateway queries;

    BookingAdminQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/admin/bookings")
    @Operation(summary = "Bookings newest first, filtered by status, flight number and departure date range (UTC, "
                         + "both ends included)")
    BookingPage bookings(
            @Parameter(description = "PENDING_PAYMENT, CONFIRMED, CANCELLATION_REQUESTED, REFUND_FAILED, "
                                     + "CANCELLED or EXPIRED (any case)")
            @RequestParam(required = false)
            @Pattern(regexp = "(?i)pending_payment|confirmed|cancellation_requested|refund_failed|cancelled|expired",
                     message = "must be PENDING_PAYMENT, CONFIRMED, CANCELLATION_REQUESTED, REFUND_FAILED, "
                               + "CANCELLED or EXPIRED")
            String status,
            @Parameter(example = "TD101")
            @RequestParam(name = "flight_number", required = false)
            @Pattern(regexp = "[A-Za-z0-9]{2}\\d{1,4}[A-Za-z]?", message = "must be a flight number such as TD101")
            String flightNumber,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new RejectedException(Rejection.invalid("invalid_range", "to must not be before from"));
        }
        return queries.query(new ListBookingsQuery(
                status == null ? null : BookingStatus.valueOf(status.toUpperCase(Locale.ROOT)),
                BookingText.flightNumber(flightNumber), from, to, page, size), BookingPage.class).join();
    }

    @GetMapping("/api/admin/bookings/search")
    @Operation(summary = "Bookings by booking number (or its beginning), passenger name in English or Korean (or "
                         + "part of a Korean name), phone number with or without dashes, or flight number; best "
                         + "match first. New bookings show up within about a second.")
    BookingPage search(@Parameter(example = "김민지") @RequestParam @NotBlank @Size(min = 1, max = 100) String q,
                       @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new SearchBookingsQuery(q.strip(), page, size), BookingPage.class).join();
    }

    @GetMapping("/api/admin/bookings/{booking_number}")
    @Operation(summary = "Any booking by its number")
    BookingView one(@PathVariable("booking_number") String bookingNumber) {
        if (!BookingNumber.isValid(bookingNumber)) {
            throw BookingQueryController.notFound();
        }
        return queries.query(new FindBookingQuery(bookingNumber, null), BookingView.class).join();
    }
}
