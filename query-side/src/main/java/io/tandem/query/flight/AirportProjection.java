package io.tandem.query.flight;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.AirportQueries.AirportList;
import io.tandem.api.flight.AirportQueries.AirportView;
import io.tandem.api.flight.AirportQueries.FindAirportQuery;
import io.tandem.api.flight.AirportQueries.SearchAirportsQuery;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * Airports as travellers look them up. Registration writes every column, so delivering an event twice, or replaying
 * all of them, gives the same rows.
 */
@Component
@ProcessingGroup(ReadModels.AIRPORTS)
class AirportProjection {

    private static final RowMapper<AirportView> AIRPORT = (rs, row) -> new AirportView(
            rs.getString("code"), rs.getString("name_en"), rs.getString("name_ko"), rs.getString("city_en"),
            rs.getString("city_ko"), rs.getString("country"), rs.getString("time_zone"));

    private final JdbcClient jdbc;

    AirportProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AirportRegisteredEvent event) {
        jdbc.sql("""
                 INSERT INTO airport (code, name_en, name_ko, city_en, city_ko, country, time_zone)
                 VALUES (:code, :nameEn, :nameKo, :cityEn, :cityKo, :country, :timeZone)
                 ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_ko = EXCLUDED.name_ko,
                                                  city_en = EXCLUDED.city_en, city_ko = EXCLUDED.city_ko,
                                                  country = EXCLUDED.country, time_zone = EXCLUDED.time_zone
                 """)
            .param("code", event.code())
            .param("nameEn", event.nameEn())
            .param("nameKo", event.nameKo())
            .param("cityEn", event.cityEn())
            .param("cityKo", event.cityKo())
            .param("country", event.country())
            .param("timeZone", event.timeZone())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM airport").update();
    }

    @QueryHandler
    AirportList handle(SearchAirportsQuery query) {
        String text = query.text() == null ? "" : query.text().strip();
        if (text.isEmpty()) {
            return new AirportList(jdbc.sql("SELECT * FROM airport ORDER BY code").query(AIRPORT).list());
        }
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return new AirportList(jdbc.sql("""
                                        SELECT * FROM airport
                                        WHERE code LIKE :prefix ESCAPE '\\'
                                           OR name_en ILIKE :contains ESCAPE '\\'
                                           OR name_ko ILIKE :contains ESCAPE '\\'
                                           OR city_en ILIKE :contains ESCAPE '\\'
                                           OR city_ko ILIKE :contains ESCAPE '\\'
                                        ORDER BY code = :code DESC, code
                                        """)
                                   .param("prefix", escaped.toUpperCase(Locale.ROOT) + "%")
                                   .param("contains", "%" + escaped + "%")
                                   .param("code", text.toUpperCase(Locale.ROOT))
                                   .query(AIRPORT)
                                   .list());
    }

    @QueryHandler
    Optional<AirportView> handle(FindAirportQuery query) {
        return jdbc.sql("SELECT * FROM airport WHERE code = :code")
                   .param("code", query.code() == null ? "" : query.code().strip().toUpperCase(Locale.ROOT))
                   .query(AIRPORT)
                   .optional();
    }
}
