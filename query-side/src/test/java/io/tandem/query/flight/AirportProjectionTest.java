package io.tandem.query.flight;

import io.tandem.api.flight.AirportQueries.AirportView;
import io.tandem.api.flight.AirportQueries.FindAirportQuery;
import io.tandem.api.flight.AirportQueries.SearchAirportsQuery;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Airports as travellers look them up, written and read by {@link AirportProjection}: events in, rows and query
 * answers out, and a replay gives the same rows. The database is this class's own, so every airport in it is one of
 * these.
 */
class AirportProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final AirportProjection projection = new AirportProjection(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(projection);

    @BeforeEach
    void threeAirports() {
        events.publish("GMP", new AirportRegisteredEvent("GMP", "Gimpo International", "김포국제공항", "Seoul", "서울",
                                                         "KR", "Asia/Seoul"));
        events.publish("ICN", new AirportRegisteredEvent("ICN", "Incheon International", "인천국제공항", "Seoul",
                                                         "서울", "KR", "Asia/Seoul"));
        events.publish("CJU", new AirportRegisteredEvent("CJU", "Jeju International", "제주국제공항", "Jeju", "제주",
                                                         "KR", "Asia/Seoul"));
    }

    @Test
    void anAirportIsFoundByItsCodeWrittenAnyWay() {
        assertThat(projection.handle(new FindAirportQuery(" gmp "))).hasValue(
                new AirportView("GMP", "Gimpo International", "김포국제공항", "Seoul", "서울", "KR", "Asia/Seoul"));
        assertThat(projection.handle(new FindAirportQuery("XXX"))).isEmpty();
        assertThat(projection.handle(new FindAirportQuery(null))).isEmpty();
    }

    @Test
    void searchMatchesCodePrefixesAndNamesOrCitiesInEitherLanguage() {
        assertThat(search(null)).containsExactly("CJU", "GMP", "ICN");
        assertThat(search("  ")).containsExactly("CJU", "GMP", "ICN");
        assertThat(search("seoul")).containsExactly("GMP", "ICN");
        assertThat(search("서울")).containsExactly("GMP", "ICN");
        assertThat(search("제주")).containsExactly("CJU");
        assertThat(search("inch")).containsExactly("ICN");
        assertThat(search("c")).as("code prefix C, and every name with a c").containsExactly("CJU", "ICN");
        assertThat(search("icn")).containsExactly("ICN");
    }

    @Test
    void wildcardsInTheSearchAreTakenLiterally() {
        assertThat(search("%")).isEmpty();
        assertThat(search("_")).isEmpty();
        assertThat(search("\\")).isEmpty();
    }

    @Test
    void aLaterRegistrationOfTheSameCodeReplacesItsNames() {
        events.publish("GMP", new AirportRegisteredEvent("GMP", "Seoul Gimpo", "서울김포", "Seoul", "서울", "KR",
                                                         "Asia/Seoul"));

        assertThat(projection.handle(new FindAirportQuery("GMP")))
                .hasValueSatisfying(airport -> assertThat(airport.nameEn()).isEqualTo("Seoul Gimpo"));
        assertThat(rows()).hasSize(3);
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        List<Map<String, Object>> before = rows();

        events.redeliver(1);
        assertThat(rows()).isEqualTo(before);
        events.replay();
        assertThat(rows()).isEqualTo(before);
    }

    private List<String> search(String text) {
        return projection.handle(new SearchAirportsQuery(text)).airports().stream().map(AirportView::code).toList();
    }

    private static List<Map<String, Object>> rows() {
        return JDBC.sql("SELECT * FROM airport ORDER BY code").query().listOfRows();
    }
}
