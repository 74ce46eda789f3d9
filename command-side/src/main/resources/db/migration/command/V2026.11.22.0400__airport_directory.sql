-- Set-based validation for airports: the primary key decides, within the same transaction that stores the
-- registration event, which of two concurrent registrations of one IATA code wins. The time zone is kept here so
-- that scheduling can turn the airports' local times into instants without loading the aggregates.
CREATE TABLE airport_directory (
    code      CHAR(3)     PRIMARY KEY,
    time_zone VARCHAR(64) NOT NULL
);
