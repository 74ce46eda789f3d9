package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightCommands.CancelScheduleCommand;
import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One departure of a flight: its times, fares and seat inventory. Every seat command of a departure will meet here,
 * so the aggregate keeps only what those decisions need and snapshots every 100 events, and it is cached between
 * commands.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class FlightSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private String flightId;
    private Instant departureAt;
    private boolean cancelled;

    FlightSchedule() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Created by {@link FlightScheduling}, which reads the route and seat map from the flight. */
    static FlightSchedule schedule(ScheduleFlightCommand command, Flight.FlightTemplate flight) {
        if (!command.arrivalAt().isAfter(command.departureAt())) {
            throw new RejectedException(Rejection.invalid("arrival_before_departure",
                                                          "arrival must be after departure"));
        }
        Map<Cabin, Integer> seatsPerCabin = new EnumMap<>(Cabin.class);
        flight.seatMap().seats().values().forEach(cabin -> seatsPerCabin.merge(cabin, 1, Integer::sum));
        if (!command.baseFares().keySet().equals(seatsPerCabin.keySet())) {
            throw new RejectedException(Rejection.invalid(
                    "fares_do_not_match_cabins",
                    "base_fares must name exactly the cabins of the seat map: " + seatsPerCabin.keySet()));
        }
        FlightSchedule schedule = new FlightSchedule();
        apply(new FlightScheduledEvent(command.scheduleId(), flight.flightId(), flight.flightNumber(),
                                       flight.airline(), flight.origin(), flight.destination(),
                                       command.departureAt(), command.arrivalAt(),
                                       new EnumMap<>(command.baseFares()), seatsPerCabin, flight.seatMap()));
        return schedule;
    }

    @CommandHandler
    void handle(CancelScheduleCommand command) {
        if (cancelled) {
            throw new RejectedException(Rejection.conflict("schedule_cancelled", "The schedule is already cancelled."));
        }
        if (!departureAt.isAfter(Instant.now())) {
            throw new RejectedException(Rejection.conflict("schedule_departed", "The flight has already departed."));
        }
        apply(new ScheduleCancelledEvent(scheduleId, flightId, command.reason()));
    }

    @EventSourcingHandler
    void on(FlightScheduledEvent event) {
        scheduleId = event.scheduleId();
        flightId = event.flightId();
        departureAt = event.departureAt();
    }

    @EventSourcingHandler
    void on(ScheduleCancelledEvent event) {
        cancelled = true;
    }
}
