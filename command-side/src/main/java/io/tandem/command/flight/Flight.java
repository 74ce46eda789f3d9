package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.FlightCommands.RegisterFlightCommand;
import io.tandem.api.flight.FlightEvents.FlightRegisteredEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.SeatMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A flight: a numbered service on one route with one aircraft layout. Its departures are {@link FlightSchedule}s. */
@Aggregate(cache = "aggregateCache")
class Flight {

    @AggregateIdentifier
    private String flightId;
    private String flightNumber;
    private String airline;
    private String origin;
    private String destination;
    private SeatMap seatMap;
    private boolean removed;

    Flight() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Flight(RegisterFlightCommand command) {
        if (command.origin().equals(command.destination())) {
            throw new RejectedException(Rejection.invalid("same_origin_and_destination",
                                                          "origin and destination must differ"));
        }
        List<String> problems = command.seatMap().problems();
        if (!problems.isEmpty()) {
            throw new RejectedException(Rejection.invalid("invalid_seat_map", String.join("; ", problems)));
        }
        apply(new FlightRegisteredEvent(command.flightId(), command.flightNumber(), command.airline(),
                                        command.origin(), command.destination(), command.seatMap()));
    }

    /** By {@link FlightRemoval}, which cancels the flight's schedules in the same unit of work. */
    void remove() {
        requireActive();
        apply(new FlightRemovedEvent(flightId));
    }

    /** What a new schedule copies from its flight; refuses removed flights. */
    FlightTemplate template() {
        requireActive();
        return new FlightTemplate(flightId, flightNumber, airline, origin, destination, seatMap);
    }

    private void requireActive() {
        if (removed) {
            throw new RejectedException(Rejection.notFound("flight_not_found", "No such flight."));
        }
    }

    @EventSourcingHandler
    void on(FlightRegisteredEvent event) {
        flightId = event.flightId();
        flightNumber = event.flightNumber();
        airline = event.airline();
        origin = event.origin();
        destination = event.destination();
        seatMap = event.seatMap();
    }

    @EventSourcingHandler
    void on(FlightRemovedEvent event) {
        removed = true;
    }

    record FlightTemplate(String flightId, String flightNumber, String airline, String origin, String destination,
                          SeatMap seatMap) {
    }
}
