package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.SeatCommands.ConfirmSeatCommand;
import io.tandem.api.booking.SeatCommands.ReleaseSeatCommand;
import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.booking.SeatEvents.SeatSoldEvent;
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
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One departure of a flight and its seat inventory. Every seat command of a departure meets here, so a seat can
 * never be held twice: commands on one schedule run one at a time on a node, and across nodes the event store's
 * sequence check makes the slower one retry on fresh state. The aggregate keeps only what those decisions need,
 * snapshots every 100 events and is cached between commands.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class FlightSchedule {

    @AggregateIdentifier
    private String scheduleId;
    private String flightId;
    private String flightNumber;
    private String origin;
    private String destination;
    private Instant departureAt;
    private Map<Cabin, Long> baseFares;
    private Map<String, Cabin> seatCabins;
    private Map<String, Holder> holders;
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

    /** Holds a free seat for a booking awaiting payment; see {@link SeatInventory}. */
    SeatHold reserveSeat(String seatId, String bookingNumber) {
        if (cancelled) {
            throw new RejectedException(Rejection.conflict("schedule_cancelled", "The schedule is cancelled."));
        }
        if (!departureAt.isAfter(Instant.now())) {
            throw new RejectedException(Rejection.conflict("schedule_departed", "The flight has already departed."));
        }
        Cabin cabin = seatCabins.get(seatId);
        if (cabin == null) {
            throw new RejectedException(Rejection.notFound("seat_not_found", "No seat " + seatId + " on this flight."));
        }
        if (holders.containsKey(seatId)) {
            throw new RejectedException(Rejection.conflict("seat_taken", "Seat " + seatId + " is taken."));
        }
        apply(new SeatReservedEvent(scheduleId, seatId, cabin, bookingNumber));
        return new SeatHold(scheduleId, flightId, flightNumber, origin, destination, departureAt, seatId, cabin,
                            baseFares.get(cabin));
    }

    @CommandHandler
    void handle(ConfirmSeatCommand command) {
        Holder holder = holders.get(command.seatId());
        if (holder != null && holder.bookingNumber().equals(command.bookingNumber()) && !holder.sold()) {
            apply(new SeatSoldEvent(scheduleId, command.seatId(), seatCabins.get(command.seatId()),
                                    command.bookingNumber()));
        }
    }

    @CommandHandler
    void handle(ReleaseSeatCommand command) {
        Holder holder = holders.get(command.seatId());
        // only the booking that holds the seat frees it: a late release must not free someone else's seat
        if (holder != null && holder.bookingNumber().equals(command.bookingNumber())) {
            apply(new SeatReleasedEvent(scheduleId, command.seatId(), seatCabins.get(command.seatId()),
                                        command.bookingNumber()));
        }
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

    /** Seats held for a booking or sold, on this departure. */
    int heldSeats() {
        return holders.size();
    }

    /** By {@link FlightRemoval}: cancels the departure unless it is cancelled already or has left. */
    void cancelWithFlight(String reason) {
        if (!cancelled && departureAt.isAfter(Instant.now())) {
            apply(new ScheduleCancelledEvent(scheduleId, flightId, reason));
        }
    }

    @EventSourcingHandler
    void on(FlightScheduledEvent event) {
        scheduleId = event.scheduleId();
        flightId = event.flightId();
        flightNumber = event.flightNumber();
        origin = event.origin();
        destination = event.destination();
        departureAt = event.departureAt();
        baseFares = new EnumMap<>(event.baseFares());
        seatCabins = new HashMap<>(event.seatMap().seats());
        holders = new HashMap<>();
    }

    @EventSourcingHandler
    void on(SeatReservedEvent event) {
        holders.put(event.seatId(), new Holder(event.bookingNumber(), false));
    }

    @EventSourcingHandler
    void on(SeatSoldEvent event) {
        holders.put(event.seatId(), new Holder(event.bookingNumber(), true));
    }

    @EventSourcingHandler
    void on(SeatReleasedEvent event) {
        holders.remove(event.seatId());
    }

    @EventSourcingHandler
    void on(ScheduleCancelledEvent event) {
        cancelled = true;
    }

    record Holder(String bookingNumber, boolean sold) {
    }
}
