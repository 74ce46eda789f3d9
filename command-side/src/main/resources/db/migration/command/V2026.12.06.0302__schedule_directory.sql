-- Which schedules each flight has, so that removing a flight decides on the command side, over the schedules'
-- own aggregates, instead of asking the read side. A row is written in the unit of work that opens the schedule;
-- processing group "schedule-directory" writes it again from FlightScheduledEvent, which also fills the table
-- with the schedules opened before it existed.
CREATE TABLE schedule_directory (
    schedule_id VARCHAR(64) PRIMARY KEY,
    flight_id   VARCHAR(64) NOT NULL
);
CREATE INDEX schedule_directory_flight ON schedule_directory (flight_id);
