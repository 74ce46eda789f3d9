package io.tandem.query.flight.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.FlightAdminQueries.DiscountList;
import io.tandem.api.flight.FlightAdminQueries.FlightPage;
import io.tandem.api.flight.FlightAdminQueries.ListDiscountsQuery;
import io.tandem.api.flight.FlightAdminQueries.ListFlightsQuery;
import io.tandem.api.flight.FlightAdminQueries.ListSchedulesQuery;
import io.tandem.api.flight.FlightAdminQueries.SchedulePage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

@RestController
@Tag(name = "Admin: flights")
class FlightAdminController {

    private final QueryGateway queries;

    FlightAdminController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/admin/flights")
    @Operation(summary = "Registered flights, newest first")
    FlightPage flights(@RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new ListFlightsQuery(page, size), FlightPage.class).join();
    }

    @GetMapping("/api/admin/schedules")
    @Operation(summary = "Schedules by departure, filtered by flight, departure date range (UTC) and status")
    SchedulePage schedules(@RequestParam(name = "flight_id", required = false) UUID flightId,
                           @RequestParam(required = false) LocalDate from,
                           @RequestParam(required = false) LocalDate to,
                           @RequestParam(required = false)
                           @Pattern(regexp = "(?i)scheduled|cancelled", message = "must be SCHEDULED or CANCELLED")
                           String status,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new RejectedException(Rejection.invalid("invalid_range", "to must not be before from"));
        }
        return queries.query(new ListSchedulesQuery(flightId == null ? null : flightId.toString(), from, to,
                                                    status == null ? null : status.toUpperCase(Locale.ROOT),
                                                    page, size), SchedulePage.class).join();
    }

    @GetMapping("/api/admin/discounts")
    @Operation(summary = "Every discount, newest first")
    DiscountList discounts() {
        return queries.query(new ListDiscountsQuery(), DiscountList.class).join();
    }
}
