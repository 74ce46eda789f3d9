package io.tandem.command.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingCommands.CancelBookingCommand;
import io.tandem.api.booking.BookingCommands.PlaceBookingCommand;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.booking.Passenger;
import io.tandem.api.booking.PlacedBooking;
import io.tandem.api.consistency.ReadModels;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@RestController
@Tag(name = "Bookings")
class BookingController {

    private final CommandGateway commands;
    private final Duration paymentTimeout;
    private final RateLimit placementsPerUser;
    private final ReadYourWrites writes;

    BookingController(CommandGateway commands,
                      @Value("${tandem.booking.payment-timeout:15m}") Duration paymentTimeout, RateLimits limits,
                      ReadYourWrites writes) {
        this.commands = commands;
        this.paymentTimeout = paymentTimeout;
        this.placementsPerUser = limits.named("booking-user");
        this.writes = writes;
    }

    @PostMapping("/api/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Hold a seat and open a booking awaiting payment; the price is the fare after discounts")
    PlacedBooking place(@Valid @RequestBody BookingRequest request) {
        placementsPerUser.take(CurrentUser.id());
        List<Passenger> passengers = request.passengers().stream()
                                            .map(p -> new Passenger(p.name().strip(), p.birthDate(),
                                                                    p.phone().replaceAll("[\\s-]", "")))
                                            .toList();
        if (passengers.size() > 1 && passengers.stream().skip(1)
                                               .anyMatch(p -> p.birthDate().isBefore(LocalDate.now().minusYears(2)))) {
            throw new RejectedException(Rejection.invalid(
                    "too_many_passengers", "passengers: a seat holds one passenger, plus an infant under 2 on a lap"));
        }
        PlaceBookingCommand command = new PlaceBookingCommand(
                BookingNumber.next(), CurrentUser.id(), request.scheduleId().toString(),
                request.seatId().toUpperCase(Locale.ROOT), passengers, Instant.now().plus(paymentTimeout));
        // the traveller reads the booking, pays for it (the payment edge's own copy) and sees the seat taken next
        return writes.write(() -> commands.sendAndWait(command), ReadModels.BOOKINGS, ReadModels.PAYMENT_ORDERS,
                            ReadModels.OCCUPIED_SEATS);
    }

    @PostMapping("/api/bookings/{booking_number}/cancel")
    @Operation(summary = "Cancel your booking; a paid one is refunded first")
    CancellationAnswer cancel(@PathVariable("booking_number") String bookingNumber,
                              @Valid @RequestBody(required = false) CancelRequest request) {
        return cancel(bookingNumber, false, request);
    }

    @PutMapping("/api/admin/bookings/{booking_number}/cancel")
    @Operation(summary = "Admin: cancel any booking; a paid one is refunded first")
    CancellationAnswer cancelAsAdmin(@PathVariable("booking_number") String bookingNumber,
                                     @Valid @RequestBody(required = false) CancelRequest request) {
        return cancel(bookingNumber, true, request);
    }

    private CancellationAnswer cancel(String bookingNumber, boolean byAdmin, CancelRequest request) {
        if (!BookingNumber.isValid(bookingNumber)) {
            throw new RejectedException(Rejection.notFound("booking_not_found", "No such booking."));
        }
        String reason = request == null || request.reason() == null
                ? (byAdmin ? "cancelled by an administrator" : "cancelled by the traveller") : request.reason().strip();
        try {
            CancelBookingCommand command = new CancelBookingCommand(bookingNumber, CurrentUser.id(), byAdmin,
                                                                    reason);
            BookingStatus status = writes.write(() -> commands.sendAndWait(command), ReadModels.BOOKINGS,
                                                ReadModels.PAYMENT_ORDERS);
            return new CancellationAnswer(bookingNumber, status);
        } catch (RuntimeException failure) {
            if (Rejections.isNotFound(failure)) {
                throw new RejectedException(Rejection.notFound("booking_not_found", "No such booking."));
            }
            throw failure;
        }
    }

    record BookingRequest(@NotNull UUID scheduleId,
                          @NotBlank @Pattern(regexp = "\\d{1,2}[A-Ka-k]", message = "must look like 12C") String seatId,
                          @NotEmpty @Size(max = 2) List<@NotNull @Valid PassengerRequest> passengers) {
    }

    record PassengerRequest(@NotBlank @Size(max = 50) String name,
                            @NotNull @Past LocalDate birthDate,
                            @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{6,18}[0-9]",
                                               message = "must be a phone number like 010-1234-5678") String phone) {
    }

    record CancelRequest(@Size(max = 200) String reason) {
    }

    record CancellationAnswer(String bookingNumber, BookingStatus status) {
    }
}
