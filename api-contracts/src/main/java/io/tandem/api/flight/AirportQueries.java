package io.tandem.api.flight;

import java.util.List;

public final class AirportQueries {

    private AirportQueries() {
    }

    /**
     * Airports whose code starts with {@code text}, or whose airport or city name, in English or Korean, contains
     * it (ignoring case); the one whose code is exactly {@code text} comes first, then by code. A null or blank text
     * lists every airport.
     */
    public record SearchAirportsQuery(String text) {
    }

    /** One airport by its IATA code; answers an empty Optional when it is unknown. */
    public record FindAirportQuery(String code) {
    }

    public record AirportList(List<AirportView> airports) {
    }

    public record AirportView(String code, String nameEn, String nameKo, String cityEn, String cityKo,
                              String country, String timeZone) {
    }
}
