-- Airports as travellers search them: by IATA code, or by airport or city name in English or Korean.
CREATE TABLE airport (
    code      CHAR(3)      PRIMARY KEY,
    name_en   VARCHAR(100) NOT NULL,
    name_ko   VARCHAR(100) NOT NULL,
    city_en   VARCHAR(100) NOT NULL,
    city_ko   VARCHAR(100) NOT NULL,
    country   CHAR(2)      NOT NULL,
    time_zone VARCHAR(64)  NOT NULL
);
