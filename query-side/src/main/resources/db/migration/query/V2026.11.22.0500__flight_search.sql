-- What the flight-search projection needs to build its Elasticsearch documents, written by that processing group
-- alone so that its view of airports, discounts and schedules follows the event order, live and on replay.
-- Every row carries the version of the search index it belongs to (index flight-schedules-v<version>): a rebuild
-- writes version N+1 beside the live N, reads keep using N, and the switch deletes N.
CREATE TABLE flight_search_state (
    id               SMALLINT PRIMARY KEY CHECK (id = 1),
    live_version     INTEGER  NOT NULL,
    building_version INTEGER
);
INSERT INTO flight_search_state (id, live_version) VALUES (1, 1);

CREATE TABLE flight_search_airport (
    version   INTEGER      NOT NULL,
    code      VARCHAR(3)   NOT NULL,
    name_en   VARCHAR(200) NOT NULL,
    name_ko   VARCHAR(200) NOT NULL,
    city_en   VARCHAR(200) NOT NULL,
    city_ko   VARCHAR(200) NOT NULL,
    time_zone VARCHAR(64)  NOT NULL,
    PRIMARY KEY (version, code)
);

-- fares and seats per cabin as JSON objects keyed by cabin name: {"ECONOMY": 250000, "BUSINESS": 900000}
CREATE TABLE flight_search_schedule (
    version         INTEGER      NOT NULL,
    schedule_id     VARCHAR(64)  NOT NULL,
    flight_id       VARCHAR(64)  NOT NULL,
    flight_number   VARCHAR(20)  NOT NULL,
    airline         VARCHAR(200) NOT NULL,
    origin          VARCHAR(3)   NOT NULL,
    destination     VARCHAR(3)   NOT NULL,
    route           VARCHAR(7)   NOT NULL,
    departure_at    TIMESTAMPTZ  NOT NULL,
    arrival_at      TIMESTAMPTZ  NOT NULL,
    -- local at the origin airport: discounts and the date searched are about this day
    departure_date  DATE         NOT NULL,
    base_fares      JSONB        NOT NULL,
    total_seats     JSONB        NOT NULL,
    available_seats JSONB        NOT NULL,
    -- SCHEDULED, CANCELLED or REMOVED (its flight was); only SCHEDULED ones have a document
    status          VARCHAR(10)  NOT NULL,
    PRIMARY KEY (version, schedule_id)
);
CREATE INDEX flight_search_schedule_route ON flight_search_schedule (version, route, departure_date);
CREATE INDEX flight_search_schedule_flight ON flight_search_schedule (version, flight_id);
CREATE INDEX flight_search_schedule_date ON flight_search_schedule (version, departure_date);
CREATE INDEX flight_search_schedule_origin ON flight_search_schedule (version, origin);
CREATE INDEX flight_search_schedule_destination ON flight_search_schedule (version, destination);

CREATE TABLE flight_search_discount (
    version     INTEGER     NOT NULL,
    discount_id VARCHAR(64) NOT NULL,
    type        VARCHAR(10) NOT NULL,
    amount      BIGINT      NOT NULL,
    valid_from  DATE        NOT NULL,
    valid_to    DATE        NOT NULL,
    routes      TEXT[]      NOT NULL,
    flight_ids  TEXT[]      NOT NULL,
    PRIMARY KEY (version, discount_id)
);

CREATE TABLE flight_search_promotion (
    version      INTEGER      NOT NULL,
    promotion_id VARCHAR(64)  NOT NULL,
    title        VARCHAR(200) NOT NULL,
    description  TEXT,
    origin       VARCHAR(3)   NOT NULL,
    destination  VARCHAR(3)   NOT NULL,
    valid_from   DATE         NOT NULL,
    valid_to     DATE         NOT NULL,
    PRIMARY KEY (version, promotion_id)
);
