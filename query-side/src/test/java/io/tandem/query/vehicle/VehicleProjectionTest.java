package io.tandem.query.vehicle;

import io.tandem.api.RejectedException;
import io.tandem.api.paging.PageRequest;
import io.tandem.api.vehicle.FuelType;
import io.tandem.api.vehicle.MaintenanceCalendar;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenancePart;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceDeletedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceLoggedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceRevisedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceScheduleSetEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDeletedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDetailsChangedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleMileageUpdatedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleRegisteredEvent;
import io.tandem.api.vehicle.VehicleQueries.DueItem;
import io.tandem.api.vehicle.VehicleQueries.FindScheduleQuery;
import io.tandem.api.vehicle.VehicleQueries.FindVehicleQuery;
import io.tandem.api.vehicle.VehicleQueries.ListMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceSummary;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceSummaryQuery;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceView;
import io.tandem.api.vehicle.VehicleQueries.ScheduleView;
import io.tandem.api.vehicle.VehicleQueries.SearchVehiclesQuery;
import io.tandem.api.vehicle.VehicleQueries.VehicleView;
import io.tandem.query.ProjectionHarness;
import io.tandem.query.identity.TestProfiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The vehicle read model, written by {@link VehicleProjection} and read by {@link VehicleReadModel}: events in,
 * rows and query answers out, and a replay gives the same rows.
 */
class VehicleProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final VehicleReadModel reads = new VehicleReadModel(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(TestProfiles.projection(JDBC),
                                                                   new VehicleProjection(JDBC));
    private final String owner = UUID.randomUUID().toString();
    private final String vehicle = UUID.randomUUID().toString();
    private final String vin = ("KMH" + UUID.randomUUID().toString().replace("-", "")).substring(0, 17)
                                                                                      .toUpperCase();
    /** Tests share the database: each car has a plate of its own. */
    private final String digits = UUID.randomUUID().toString().substring(0, 8);
    private final String oilChange = UUID.randomUUID().toString();
    private final String tyres = UUID.randomUUID().toString();
    private final LocalDate today = MaintenanceCalendar.today();

    @BeforeEach
    void aCarWithAScheduleAndTwoServicesOneDeleted() {
        events.publish(owner, TestProfiles.signedUp(owner, owner + "@Example.com", "Park Bogum"));
        events.publish(vehicle, new VehicleRegisteredEvent(vehicle, owner, vin, "12가 3456", "Hyundai", "Avante",
                                                           2021, FuelType.GASOLINE, 30_000, today.minusYears(1)));
        events.publish(vehicle, new VehicleDetailsChangedEvent(vehicle, owner, "34나 " + digits, "Hyundai", "Avante N",
                                                               2021, FuelType.GASOLINE));
        events.publish(vehicle, new MaintenanceScheduleSetEvent(vehicle, owner, List.of(
                new MaintenanceRule(MaintenanceType.OIL_CHANGE, 10_000L, 12),
                new MaintenanceRule(MaintenanceType.TYRES, 40_000L, null))));
        events.publish(vehicle, new MaintenanceLoggedEvent(vehicle, owner, oilChange, service(
                today.minusMonths(2), 38_000, MaintenanceType.OIL_CHANGE, 50_000)));
        events.publish(vehicle, new MaintenanceRevisedEvent(vehicle, owner, oilChange, service(
                today.minusMonths(2), 38_500, MaintenanceType.OIL_CHANGE, 60_000)));
        events.publish(vehicle, new MaintenanceLoggedEvent(vehicle, owner, tyres, service(
                today.minusMonths(1), 39_000, MaintenanceType.TYRES, 400_000)));
        events.publish(vehicle, new MaintenanceDeletedEvent(vehicle, owner, tyres));
        events.publish(vehicle, new VehicleMileageUpdatedEvent(vehicle, owner, 49_000));
    }

    @Test
    void theOwnerSeesTheVehicleAsItIsNowAndNobodyElseDoes() {
        VehicleView view = reads.handle(new FindVehicleQuery(vehicle, owner));

        assertThat(view.plateNumber()).isEqualTo("34나 " + digits);
        assertThat(view.model()).isEqualTo("Avante N");
        assertThat(view.mileage()).isEqualTo(49_000);
        assertThatThrownBy(() -> reads.handle(new FindVehicleQuery(vehicle, UUID.randomUUID().toString())))
                .isInstanceOf(RejectedException.class);
    }

    @Test
    void liveRecordsTheirCostsAndWhatIsDueNext() {
        List<MaintenanceView> records = reads.handle(new ListMaintenanceQuery(vehicle, owner,
                                                                              PageRequest.of(0, null, 10))).items();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.recordId()).isEqualTo(oilChange);
            assertThat(record.mileage()).isEqualTo(38_500);
            assertThat(record.partsCost()).isEqualTo(2 * 15_000);
            assertThat(record.totalCost()).isEqualTo(2 * 15_000 + 60_000);
        });

        MaintenanceSummary summary = reads.handle(new MaintenanceSummaryQuery(vehicle, owner));
        assertThat(summary.totalCost()).as("the deleted tyre change costs nothing").isEqualTo(90_000);

        ScheduleView schedule = reads.handle(new FindScheduleQuery(vehicle, owner));
        assertThat(schedule.nextDue()).extracting(DueItem::type, DueItem::dueMileage, DueItem::due)
                                      .containsExactly(tuple(MaintenanceType.OIL_CHANGE, 48_500L, true),
                                                       tuple(MaintenanceType.TYRES, 70_000L, false));
    }

    @Test
    void adminsFindItByPlateWrittenAnyWayByVinPrefixAndByOwnerEmail() {
        for (SearchVehiclesQuery search : List.of(
                new SearchVehiclesQuery(null, "34나-" + digits, null, false, PageRequest.of(0, null, 10)),
                new SearchVehiclesQuery(vin.substring(0, 10), null, null, false, PageRequest.of(0, null, 10)),
                new SearchVehiclesQuery(null, null, owner + "@example.com", false, PageRequest.of(0, null, 10)))) {
            assertThat(reads.handle(search).items()).extracting(VehicleView::vehicleId).containsExactly(vehicle);
        }
    }

    @Test
    void aDeletedVehicleIsGoneForItsOwnerButKeptForAdmins() {
        events.publish(vehicle, new VehicleDeletedEvent(vehicle, owner, vin));

        assertThatThrownBy(() -> reads.handle(new FindVehicleQuery(vehicle, owner)))
                .isInstanceOf(RejectedException.class);
        assertThat(reads.handle(new SearchVehiclesQuery(vin, null, null, true, PageRequest.of(0, null, 10))).items())
                .singleElement().satisfies(view -> assertThat(view.deletedAt()).isNotNull());
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        Map<String, Object> vehicleRow = vehicleRow();
        List<Map<String, Object>> recordRows = recordRows();

        events.redeliver(2);
        events.redeliver(4);
        assertThat(vehicleRow()).isEqualTo(vehicleRow);
        assertThat(recordRows()).isEqualTo(recordRows);
        events.replay();
        assertThat(vehicleRow()).isEqualTo(vehicleRow);
        assertThat(recordRows()).isEqualTo(recordRows);
    }

    private static MaintenanceDetails service(LocalDate date, long mileage, MaintenanceType type, long labour) {
        return new MaintenanceDetails(date, mileage, type, type.name().toLowerCase(), "Speedmate",
                                      List.of(new MaintenancePart("filter", "F-1", 2, 15_000)), labour);
    }

    private Map<String, Object> vehicleRow() {
        return JDBC.sql("SELECT * FROM vehicle WHERE vehicle_id = :id").param("id", vehicle).query().singleRow();
    }

    private List<Map<String, Object>> recordRows() {
        return JDBC.sql("SELECT * FROM maintenance_record WHERE vehicle_id = :id ORDER BY record_id")
                   .param("id", vehicle).query().listOfRows();
    }
}
