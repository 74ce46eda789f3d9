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
import io.tandem.api.booking.BookingQueries.ListMyBookingsQuery;
import io.tandem.api.booking.BookingQueries.OccupiedSeats;
import io.tandem.api.booking.BookingQueries.OccupiedSeatsQuery;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A traveller's own bookings, and which seats of a departure are taken. */
@RestController
@Tag(name = "Bookings")
class BookingQueryController {

    private static final String SCHEDULE_ID = "[A-Za-z0-9-]{1,64}";

    private final QueryGateway queries;

    BookingQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/bookings")
    @Operation(summary = "Your bookings, newest first")
    BookingPage mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new ListMyBookingsQuery(CurrentUser.id(), page, size), BookingPage.class).join();
    }

    @GetMapping("/api/bookings/{booking_number}")
    @Operation(summary = "One of your bookings; anyone else's answers 404, as an unknown one does")
    BookingView one(@Parameter(example = "TD7K2M9Q4X1B") @PathVariable("booking_number") String bookingNumber) {
        if (!BookingNumber.isValid(bookingNumber)) {
            throw notFound();
        }
        return queries.query(new FindBookingQuery(bookingNumber, CurrentUser.id()), BookingView.class).join();
    }

    @GetMapping("/api/bookings/occupied-seats/{schedule_id}")
    @Operation(summary = "Seats of a departure held for a booking awaiting payment or sold, front to back")
    OccupiedSeats occupiedSeats(@PathVariable("schedule_id") String scheduleId) {
        if (!scheduleId.matches(SCHEDULE_ID)) {
            throw new RejectedException(Rejection.notFound("schedule_not_found", "No such schedule."));
        }
        return queries.query(new OccupiedSeatsQuery(scheduleId), OccupiedSeats.class).join();
    }

    @GetMapping("/api/bookings/health")
    @Operation(summary = "Whether the booking read side answers")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    static RejectedException notFound() {
        return new RejectedException(Rejection.notFound("booking_not_found", "No such booking."));
    }
}
