package io.tandem.command.flight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightCommands.CreateDiscountCommand;
import io.tandem.api.flight.FlightCommands.CreatePromotionCommand;
import io.tandem.api.flight.FlightCommands.DeleteDiscountCommand;
import io.tandem.api.flight.FlightCommands.DeletePromotionCommand;
import io.tandem.platform.consistency.ReadYourWrites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@RestController
@Tag(name = "Admin: discounts and promotions")
class AdminPricingController {

    private static final String ROUTE = "[A-Za-z]{3}-[A-Za-z]{3}";

    private final CommandGateway commands;
    private final AirportDirectory airports;
    private final ReadYourWrites writes;

    AdminPricingController(CommandGateway commands, AirportDirectory airports, ReadYourWrites writes) {
        this.commands = commands;
        this.airports = airports;
        this.writes = writes;
    }

    @PostMapping("/api/admin/discounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a discount for routes or flights (none named: every schedule) departing in a period")
    CreatedDiscount createDiscount(@Valid @RequestBody DiscountRequest request) {
        List<String> routes = request.routes() == null ? List.of()
                : request.routes().stream().map(route -> knownRoute(route.toUpperCase(Locale.ROOT))).toList();
        List<String> flightIds = request.flightIds() == null ? List.of()
                : request.flightIds().stream().map(UUID::toString).toList();
        String discountId = UUID.randomUUID().toString();
        send(new CreateDiscountCommand(discountId, request.name().strip(), request.type(), request.amount(),
                                       request.validFrom(), request.validTo(), routes, flightIds));
        return new CreatedDiscount(discountId);
    }

    @DeleteMapping("/api/admin/discounts/{discount_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a discount; fares return to what other discounts give")
    void deleteDiscount(@PathVariable("discount_id") UUID discountId) {
        send(new DeleteDiscountCommand(discountId.toString()));
    }

    @PostMapping("/api/admin/promotions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Feature a route with a title")
    CreatedPromotion createPromotion(@Valid @RequestBody PromotionRequest request) {
        String route = knownRoute((request.origin() + "-" + request.destination()).toUpperCase(Locale.ROOT));
        String promotionId = UUID.randomUUID().toString();
        send(new CreatePromotionCommand(promotionId, request.title().strip(),
                                        request.description() == null ? null : request.description().strip(),
                                        route.substring(0, 3), route.substring(4), request.validFrom(),
                                        request.validTo()));
        return new CreatedPromotion(promotionId);
    }

    @DeleteMapping("/api/admin/promotions/{promotion_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop featuring a route")
    void deletePromotion(@PathVariable("promotion_id") UUID promotionId) {
        send(new DeletePromotionCommand(promotionId.toString()));
    }

    /** Answers once the admin lists, search's fares and promotions, and the prices of new bookings show it. */
    private void send(Object command) {
        writes.write(() -> commands.sendAndWait(command), ReadModels.FLIGHT_ADMIN, ReadModels.FLIGHT_SEARCH,
                     ReadModels.PRICING_DISCOUNTS);
    }

    private String knownRoute(String route) {
        String[] ends = route.split("-");
        for (String code : ends) {
            if (!airports.exists(code)) {
                throw new RejectedException(Rejection.invalid("unknown_airport",
                                                              "route " + route + ": " + code + " is not a known airport"));
            }
        }
        if (ends[0].equals(ends[1])) {
            throw new RejectedException(Rejection.invalid("same_origin_and_destination",
                                                          "route " + route + " must join two different airports"));
        }
        return route;
    }

    record DiscountRequest(@NotBlank @Size(max = 100) String name, @NotNull DiscountType type,
                           @Min(1) @Max(100_000_000) long amount, @NotNull LocalDate validFrom,
                           @NotNull LocalDate validTo,
                           @Size(max = 50) List<@NotNull @Pattern(regexp = ROUTE, message = "must look like ICN-NRT")
                                   String> routes,
                           @Size(max = 50) List<@NotNull UUID> flightIds) {
    }

    record PromotionRequest(@NotBlank @Size(max = 100) String title, @Size(max = 500) String description,
                            @NotBlank @Pattern(regexp = "[A-Za-z]{3}") String origin,
                            @NotBlank @Pattern(regexp = "[A-Za-z]{3}") String destination,
                            @NotNull LocalDate validFrom, @NotNull LocalDate validTo) {
    }

    record CreatedDiscount(String discountId) {
    }

    record CreatedPromotion(String promotionId) {
    }
}
