package io.tandem.command.flight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightAdminQueries.FlightRoute;
import io.tandem.api.flight.FlightAdminQueries.FlightRouteQuery;
import io.tandem.api.flight.FlightCommands.CancelScheduleCommand;
import io.tandem.api.flight.FlightCommands.RegisterFlightCommand;
import io.tandem.api.flight.FlightCommands.RemoveFlightCommand;
import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import io.tandem.api.flight.SeatMap;
import io.tandem.platform.consistency.ReadYourWrites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = "Admin: flights")
class AdminFlightController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AirportDirectory airports;
    private final ReadYourWrites writes;

    AdminFlightController(CommandGateway commands, QueryGateway queries, AirportDirectory airports,
                          ReadYourWrites writes) {
        this.commands = commands;
        this.queries = queries;
        this.airports = airports;
        this.writes = writes;
    }

    @PostMapping("/api/admin/flights")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a flight: number, airline, route and seat map")
    RegisteredFlight register(@Valid @RequestBody FlightRequest request) {
        RegisterFlightCommand command = toCommand(request);
        writes.write(() -> commands.sendAndWait(command), ReadModels.FLIGHT_ADMIN);
        return new RegisteredFlight(command.flightId(), command.flightNumber(), List.of(), true);
    }

    @PostMapping("/api/admin/flights-with-schedules")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a flight with its schedules; answers once search shows them (or after a few seconds)")
    RegisteredFlight registerWithSchedules(@Valid @RequestBody FlightWithSchedulesRequest request) {
        RegisterFlightCommand flight = toCommand(request.flight());
        List<ScheduleFlightCommand> schedules = toCommands(flight.flightId(), flight.origin(), flight.destination(),
                                                           request.schedules(), "schedules");
        writes.write(() -> commands.sendAndWait(flight), ReadModels.FLIGHT_ADMIN);
        return schedule(flight.flightId(), flight.flightNumber(), schedules);
    }

    @PostMapping("/api/admin/flights/{flight_id}/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add schedules to a registered flight")
    RegisteredFlight addSchedules(@PathVariable("flight_id") UUID flightId,
                                  @Valid @RequestBody SchedulesRequest request) {
        FlightRoute route = queries.query(new FlightRouteQuery(flightId.toString()), FlightRoute.class).join();
        List<ScheduleFlightCommand> schedules = toCommands(flightId.toString(), route.origin(),
                                                           route.destination(), request.schedules(), "schedules");
        return schedule(flightId.toString(), route.flightNumber(), schedules);
    }

    @DeleteMapping("/api/admin/flights/{flight_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a flight and cancel its open schedules; refused while seats are booked on it")
    void remove(@PathVariable("flight_id") UUID flightId) {
        writes.write(() -> commands.sendAndWait(new RemoveFlightCommand(flightId.toString())),
                     ReadModels.FLIGHT_ADMIN, ReadModels.FLIGHT_SEARCH);
    }

    @PostMapping("/api/admin/schedules/{schedule_id}/cancel")
    @Operation(summary = "Cancel a schedule; it leaves search")
    CancelledSchedule cancel(@PathVariable("schedule_id") UUID scheduleId,
                             @Valid @RequestBody(required = false) CancelRequest request) {
        String reason = request == null || request.reason() == null ? "cancelled by an administrator"
                                                                     : request.reason().strip();
        CancelScheduleCommand command = new CancelScheduleCommand(scheduleId.toString(), reason);
        writes.write(() -> commands.sendAndWait(command), ReadModels.FLIGHT_ADMIN, ReadModels.FLIGHT_SEARCH);
        return new CancelledSchedule(scheduleId.toString(), "CANCELLED", reason);
    }

    private RegisteredFlight schedule(String flightId, String flightNumber, List<ScheduleFlightCommand> schedules) {
        List<String> scheduleIds = schedules.stream().map(ScheduleFlightCommand::scheduleId).toList();
        boolean searchable = writes.write(() -> schedules.forEach(commands::sendAndWait), ReadModels.FLIGHT_ADMIN,
                                          ReadModels.FLIGHT_SEARCH);
        return new RegisteredFlight(flightId, flightNumber, scheduleIds, searchable);
    }

    private RegisterFlightCommand toCommand(FlightRequest request) {
        String origin = knownAirport(request.origin(), "flight.origin");
        String destination = knownAirport(request.destination(), "flight.destination");
        if (origin.equals(destination)) {
            throw new RejectedException(Rejection.invalid("same_origin_and_destination",
                                                          "destination must differ from origin"));
        }
        SeatMap seatMap = new SeatMap(request.seatMap().aircraft().strip(), request.seatMap().sections().stream()
                .map(section -> new SeatMap.Section(section.cabin(), section.fromRow(), section.toRow(),
                                                    section.letters().toUpperCase(Locale.ROOT)))
                .toList());
        return new RegisterFlightCommand(UUID.randomUUID().toString(),
                                         request.flightNumber().toUpperCase(Locale.ROOT),
                                         request.airline().strip(), origin, destination, seatMap);
    }

    private List<ScheduleFlightCommand> toCommands(String flightId, String origin, String destination,
                                                   List<ScheduleRequest> requests, String field) {
        ZoneId originZone = airports.timeZoneOf(origin).orElseThrow();
        ZoneId destinationZone = airports.timeZoneOf(destination).orElseThrow();
        List<ScheduleFlightCommand> commands = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < requests.size(); i++) {
            ScheduleRequest request = requests.get(i);
            Instant departure = ZonedDateTime.ofLocal(request.departureLocal(), originZone, null).toInstant();
            Instant arrival = ZonedDateTime.ofLocal(request.arrivalLocal(), destinationZone, null).toInstant();
            if (!departure.isAfter(now)) {
                throw new RejectedException(Rejection.invalid(
                        "departure_in_past", field + "[" + i + "].departure_local must be in the future"));
            }
            if (!arrival.isAfter(departure)) {
                throw new RejectedException(Rejection.invalid(
                        "arrival_before_departure", field + "[" + i + "].arrival_local must be after departure"));
            }
            commands.add(new ScheduleFlightCommand(UUID.randomUUID().toString(), flightId, departure, arrival,
                                                   new EnumMap<>(request.baseFares())));
        }
        return commands;
    }

    private String knownAirport(String code, String field) {
        String normalized = code.toUpperCase(Locale.ROOT);
        if (!airports.exists(normalized)) {
            throw new RejectedException(Rejection.invalid("unknown_airport", field + " " + code + " is not a known airport"));
        }
        return normalized;
    }

    record FlightRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9]{2}\\d{1,4}[A-Za-z]?",
                                            message = "must look like KE703") String flightNumber,
                         @NotBlank @Size(max = 60) String airline,
                         @NotBlank @Pattern(regexp = "[A-Za-z]{3}", message = "must be a 3-letter IATA code")
                         String origin,
                         @NotBlank @Pattern(regexp = "[A-Za-z]{3}", message = "must be a 3-letter IATA code")
                         String destination,
                         @NotNull @Valid SeatMapRequest seatMap) {
    }

    record SeatMapRequest(@NotBlank @Size(max = 40) String aircraft,
                          @NotEmpty @Size(max = 10) List<@NotNull @Valid SectionRequest> sections) {
    }

    record SectionRequest(@NotNull Cabin cabin, @Min(1) @Max(99) int fromRow, @Min(1) @Max(99) int toRow,
                          @NotBlank @Pattern(regexp = "[A-Ka-k]{1,10}", message = "must be 1 to 10 seat letters A-K")
                          String letters) {
    }

    record ScheduleRequest(@NotNull LocalDateTime departureLocal, @NotNull LocalDateTime arrivalLocal,
                           @NotEmpty Map<@NotNull Cabin, @NotNull @Min(1) @Max(100_000_000) Long> baseFares) {
    }

    record FlightWithSchedulesRequest(@NotNull @Valid FlightRequest flight,
                                      @NotEmpty @Size(max = 400) List<@NotNull @Valid ScheduleRequest> schedules) {
    }

    record SchedulesRequest(@NotEmpty @Size(max = 400) List<@NotNull @Valid ScheduleRequest> schedules) {
    }

    record CancelRequest(@Size(max = 200) String reason) {
    }

    record RegisteredFlight(String flightId, String flightNumber, List<String> scheduleIds, boolean searchable) {
    }

    record CancelledSchedule(String scheduleId, String status, String reason) {
    }
}
