package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.FlightCommands.RegisterAirportCommand;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.ZoneId;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An airport flights leave from and arrive at, identified by its IATA code. Its time zone turns the local times of
 * timetables into instants.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class Airport {

    static final int MAX_NAME_LENGTH = 100;

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @AggregateIdentifier
    private String code;
    private ZoneId timeZone;

    Airport() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Registrations are handled by {@link AirportRegistration}, which first claims the code in the directory. */
    static Airport register(RegisterAirportCommand command) {
        requireValid(command);
        Airport airport = new Airport();
        apply(new AirportRegisteredEvent(command.code(), command.nameEn(), command.nameKo(), command.cityEn(),
                                         command.cityKo(), command.country(), command.timeZone()));
        return airport;
    }

    /** The same rules as the admin API's, for commands that come from elsewhere (the shipped catalogue). */
    static void requireValid(RegisterAirportCommand command) {
        if (command.code() == null || !CODE.matcher(command.code()).matches()) {
            throw invalid("code must be 3 upper-case letters");
        }
        if (command.country() == null || !COUNTRY.matcher(command.country()).matches()) {
            throw invalid("country must be 2 upper-case letters");
        }
        if (!isTimeZone(command.timeZone())) {
            throw invalid("time_zone must be an IANA time zone such as Asia/Seoul");
        }
        requireName("name_en", command.nameEn());
        requireName("name_ko", command.nameKo());
        requireName("city_en", command.cityEn());
        requireName("city_ko", command.cityKo());
    }

    /** A region of the IANA time zone database ({@code Asia/Seoul}), not a bare offset such as {@code +09:00}. */
    static boolean isTimeZone(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }

    String code() {
        return code;
    }

    ZoneId timeZone() {
        return timeZone;
    }

    @EventSourcingHandler
    void on(AirportRegisteredEvent event) {
        code = event.code();
        timeZone = ZoneId.of(event.timeZone());
    }

    private static void requireName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw invalid(field + " must not be blank and at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static RejectedException invalid(String detail) {
        return new RejectedException(Rejection.invalid("invalid_airport", detail));
    }
}
