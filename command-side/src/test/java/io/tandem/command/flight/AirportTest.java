package io.tandem.command.flight;

import io.tandem.api.RejectedException;
import io.tandem.api.flight.FlightCommands.RegisterAirportCommand;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.testsupport.SharedPostgres;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The airport aggregate with its registration handler, claiming codes in a real directory table. */
class AirportTest {

    private static final RegisterAirportCommand ICN = new RegisterAirportCommand(
            "ICN", "Incheon International Airport", "인천국제공항", "Incheon", "인천", "KR", "Asia/Seoul");

    private AggregateTestFixture<Airport> fixture;
    private AirportDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        DriverManagerDataSource database = new DriverManagerDataSource(SharedPostgres.newDatabase(),
                                                                       SharedPostgres.USERNAME, "");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(new ClassPathResource("db/migration/command/V2026.11.22.0400__airport_directory.sql")
                         .getContentAsString(StandardCharsets.UTF_8)).update();
        directory = new AirportDirectory(jdbc);
        fixture = new AggregateTestFixture<>(Airport.class);
        fixture.registerAnnotatedCommandHandler(new AirportRegistration(directory, fixture.getRepository()));
    }

    private static AirportRegisteredEvent registered(RegisterAirportCommand command) {
        return new AirportRegisteredEvent(command.code(), command.nameEn(), command.nameKo(), command.cityEn(),
                                          command.cityKo(), command.country(), command.timeZone());
    }

    @Test
    void registeringClaimsTheCodeAndRecordsTheAirport() {
        fixture.givenNoPriorActivity()
               .when(ICN)
               .expectSuccessfulHandlerExecution()
               .expectEvents(registered(ICN))
               .expectResultMessagePayload("ICN")
               .expectState(airport -> assertThat(airport.timeZone()).isEqualTo(ZoneId.of("Asia/Seoul")));
        assertThat(directory.exists("ICN")).isTrue();
        assertThat(directory.timeZoneOf("ICN")).contains(ZoneId.of("Asia/Seoul"));
        assertThat(directory.exists("GMP")).isFalse();
        assertThat(directory.timeZoneOf("GMP")).isEmpty();
    }

    @Test
    void aClaimedCodeCannotBeRegisteredAgain() {
        directory.claim("ICN", "Asia/Seoul");
        fixture.givenNoPriorActivity()
               .when(ICN)
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("Airport ICN is already registered.");
        assertThatThrownBy(() -> directory.claim("ICN", "Asia/Tokyo"))
                .isInstanceOfSatisfying(RejectedException.class,
                                        e -> assertThat(e.rejection().code()).isEqualTo("airport_exists"));
        assertThat(directory.timeZoneOf("ICN")).contains(ZoneId.of("Asia/Seoul"));
    }

    @Test
    void invalidAirportsAreRefusedBeforeAnythingIsClaimed() {
        List<RegisterAirportCommand> invalid = List.of(
                new RegisterAirportCommand("icn", "Incheon", "인천", "Incheon", "인천", "KR", "Asia/Seoul"),
                new RegisterAirportCommand("ICN", "Incheon", "인천", "Incheon", "인천", "KOR", "Asia/Seoul"),
                new RegisterAirportCommand("ICN", "Incheon", "인천", "Incheon", "인천", "KR", "+09:00"),
                new RegisterAirportCommand("ICN", "Incheon", "인천", "Incheon", "인천", "KR", "Asia/Incheon"),
                new RegisterAirportCommand("ICN", " ", "인천", "Incheon", "인천", "KR", "Asia/Seoul"),
                new RegisterAirportCommand("ICN", "Incheon", "인천", "x".repeat(101), "인천", "KR", "Asia/Seoul"));
        for (RegisterAirportCommand command : invalid) {
            fixture.givenNoPriorActivity()
                   .when(command)
                   .expectNoEvents()
                   .expectException(RejectedException.class);
        }
        assertThat(directory.exists("ICN")).isFalse();
    }

    @Test
    void theShippedCatalogueIsWellFormed() {
        List<RegisterAirportCommand> shipped = AirportCatalogue.shipped();
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(60);
        Set<String> countries = Set.of(Locale.getISOCountries());
        Set<String> codes = new HashSet<>();
        for (RegisterAirportCommand airport : shipped) {
            Airport.requireValid(airport);
            assertThat(codes.add(airport.code())).as("%s is listed once", airport.code()).isTrue();
            assertThat(countries).as(airport.code()).contains(airport.country());
            assertThat(airport.nameKo()).as(airport.code()).containsPattern("\\p{IsHangul}").endsWith("공항");
            assertThat(airport.cityKo()).as(airport.code()).containsPattern("\\p{IsHangul}");
            assertThat(airport.nameEn()).as(airport.code()).contains("Airport");
        }
        // every Korean airport with scheduled passenger flights
        assertThat(shipped).filteredOn(airport -> airport.country().equals("KR"))
                           .extracting(RegisterAirportCommand::code)
                           .containsExactlyInAnyOrder("ICN", "GMP", "PUS", "CJU", "TAE", "CJJ", "KWJ", "RSU", "USN",
                                                      "KPO", "YNY", "MWX", "WJU", "HIN", "KUV");
        assertThat(codes).contains("NRT", "HND", "KIX", "NGO", "FUK", "CTS", "OKA", "PEK", "PKX", "PVG", "SHA",
                                   "CAN", "HKG", "TPE", "TSA", "MNL", "BKK", "SGN", "HAN", "DAD", "SIN", "KUL",
                                   "CGK", "DPS", "DEL", "BOM", "DXB", "DOH", "UBN", "JFK", "LAX", "SFO", "SEA",
                                   "ORD", "ATL", "DFW", "HNL", "LAS", "IAD", "BOS", "GUM", "SPN", "LHR", "CDG",
                                   "FRA", "AMS", "MAD", "FCO", "MUC", "ZRH", "IST", "HEL", "VIE");
        assertThat(shipped).filteredOn(airport -> airport.code().equals("NRT")).singleElement()
                           .satisfies(nrt -> {
                               assertThat(nrt.nameKo()).isEqualTo("나리타국제공항");
                               assertThat(nrt.cityKo()).isEqualTo("도쿄");
                               assertThat(nrt.timeZone()).isEqualTo("Asia/Tokyo");
                           });
    }
}
