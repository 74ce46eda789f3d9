package io.tandem.command.flight;

import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which schedules each flight has. {@link FlightScheduling} registers a schedule in the unit of work that opens it,
 * so a flight removed right after sees it; the schedule events register it again (an idempotent upsert), which
 * also brings in the schedules opened before this table existed.
 */
@Component
@ProcessingGroup("schedule-directory")
class ScheduleDirectory {

    private final JdbcClient jdbc;

    ScheduleDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void register(String scheduleId, String flightId) {
        jdbc.sql("""
                 INSERT INTO schedule_directory (schedule_id, flight_id) VALUES (:scheduleId, :flightId)
                 ON CONFLICT (schedule_id) DO NOTHING
                 """)
            .param("scheduleId", scheduleId)
            .param("flightId", flightId)
            .update();
    }

    @EventHandler
    void on(FlightScheduledEvent event) {
        register(event.scheduleId(), event.flightId());
    }

    List<String> schedulesOf(String flightId) {
        return jdbc.sql("SELECT schedule_id FROM schedule_directory WHERE flight_id = :flightId ORDER BY schedule_id")
                   .param("flightId", flightId)
                   .query(String.class)
                   .list();
    }
}
