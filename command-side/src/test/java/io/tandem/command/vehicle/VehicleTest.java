package io.tandem.command.vehicle;

import io.tandem.api.RejectedException;
import io.tandem.api.vehicle.DueReason;
import io.tandem.api.vehicle.FuelType;
import io.tandem.api.vehicle.MaintenanceCalendar;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenancePart;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceRule.DuePoint;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleCommands.ChangeVehicleDetailsCommand;
import io.tandem.api.vehicle.VehicleCommands.DeleteMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.DeleteVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.LogMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.LoggedMaintenance;
import io.tandem.api.vehicle.VehicleCommands.MaintenanceChange;
import io.tandem.api.vehicle.VehicleCommands.RegisterVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.RegisteredVehicle;
import io.tandem.api.vehicle.VehicleCommands.ReviseMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.SetMaintenanceScheduleCommand;
import io.tandem.api.vehicle.VehicleCommands.UpdateMileageCommand;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceDeletedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceDueEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceLoggedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceRevisedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceScheduleSetEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDeletedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDetailsChangedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleMileageUpdatedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleRegisteredEvent;
import io.tandem.platform.axon.AxonInfrastructureConfiguration;
import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import io.tandem.testsupport.SharedPostgres;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/** The vehicle aggregate with its registration and logging handlers, claiming VINs in a real directory table. */
class VehicleTest {

    private static final String OWNER = "owner-1";
    private static final LocalDate TODAY = MaintenanceCalendar.today();
    private static final MaintenanceRule OIL = new MaintenanceRule(MaintenanceType.OIL_CHANGE, 10_000L, 12);

    private static VehicleDirectory directory;

    private AggregateTestFixture<Vehicle> fixture;
    private String vehicleId;
    private String vin;

    @BeforeAll
    static void createDirectory() throws Exception {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(SharedPostgres.newDatabase(),
                                                                        SharedPostgres.USERNAME, ""));
        for (String migration : List.of("db/migration/axon/V2026.11.22.0100__axon_event_store.sql",
                                         "db/migration/personal-data-key/V2026.11.23.1000__personal_data_keys.sql",
                                         "db/migration/command/V2026.11.23.0600__vehicle_directory.sql",
                                         "db/migration/command/V2026.12.06.1000__vin_claims_per_owner.sql")) {
            jdbc.sql(new ClassPathResource(migration).getContentAsString(StandardCharsets.UTF_8)).update();
        }
        directory = new VehicleDirectory(jdbc);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Vehicle.class);
        fixture.registerAnnotatedCommandHandler(new VehicleRegistration(directory, fixture.getRepository()));
        fixture.registerAnnotatedCommandHandler(new MaintenanceLogging(directory, fixture.getRepository()));
        vehicleId = UUID.randomUUID().toString();
        vin = randomVin();
    }

    private static String randomVin() {
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder("KMH");
        UUID.randomUUID().toString().replace("-", "").chars().limit(14)
            .forEach(c -> vin.append(letters.charAt(c % letters.length())));
        return vin.toString();
    }

    private RegisterVehicleCommand register(String id, String vin) {
        return new RegisterVehicleCommand(id, OWNER, vin, "12가3456", "Hyundai", "Avante", 2021,
                                          FuelType.GASOLINE, 40_000);
    }

    private VehicleRegisteredEvent registered(LocalDate on, long mileage) {
        return new VehicleRegisteredEvent(vehicleId, OWNER, vin, "12가3456", "Hyundai", "Avante", 2021,
                                          FuelType.GASOLINE, mileage, on);
    }

    private VehicleRegisteredEvent registered() {
        return registered(TODAY, 40_000);
    }

    private MaintenanceScheduleSetEvent oilSchedule() {
        return new MaintenanceScheduleSetEvent(vehicleId, OWNER, List.of(OIL));
    }

    private static MaintenanceDetails oilChange(LocalDate on, long mileage, long unitCost) {
        return new MaintenanceDetails(on, mileage, MaintenanceType.OIL_CHANGE, "engine oil and filter",
                                      "Speedmate", List.of(new MaintenancePart("Engine oil 5W-30", "05100-00451", 4,
                                                                               unitCost)), 20_000);
    }

    private MaintenanceLoggedEvent logged(String recordId, MaintenanceDetails details) {
        return new MaintenanceLoggedEvent(vehicleId, OWNER, recordId, details);
    }

    private MaintenanceDueEvent due(DueReason reason, LocalDate dueDate, long dueMileage) {
        return new MaintenanceDueEvent(vehicleId, OWNER, MaintenanceType.OIL_CHANGE, reason, dueDate, dueMileage);
    }

    private static Matcher<Throwable> rejected(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof RejectedException rejection && rejection.rejection().code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection with code ").appendValue(code);
            }
        };
    }

    @Test
    void registeringClaimsTheVin() {
        fixture.givenNoPriorActivity()
               .when(register(vehicleId, vin))
               .expectEvents(registered())
               .expectResultMessagePayload(new RegisteredVehicle(vehicleId));
        assertThat(directory.isClaimed(OWNER, vin)).isTrue();
        assertThat(directory.vehiclesOf(OWNER)).contains(vehicleId);
    }

    @Test
    void aVinTheOwnerHasAlreadyRegisteredIsAConflict() {
        directory.claimVin(OWNER, vin, UUID.randomUUID().toString());
        fixture.givenNoPriorActivity()
               .when(register(vehicleId, vin))
               .expectNoEvents()
               .expectException(rejected("vin_taken"));
    }

    @Test
    void anotherOwnersClaimOnTheVinBlocksNobody() {
        directory.claimVin("squatter", vin, UUID.randomUUID().toString());
        fixture.givenNoPriorActivity()
               .when(register(vehicleId, vin))
               .expectEvents(registered());
        assertThat(directory.isClaimed(OWNER, vin)).isTrue();
    }

    @Test
    void aMalformedVinOrVehicleIsRefusedBeforeAnythingIsClaimed() {
        String withO = "KMHO" + vin.substring(4);
        fixture.givenNoPriorActivity()
               .when(register(vehicleId, withO))
               .expectException(rejected("invalid_vin"));
        fixture.givenNoPriorActivity()
               .when(register(vehicleId, vin.substring(1)))
               .expectException(rejected("invalid_vin"));
        fixture.givenNoPriorActivity()
               .when(new RegisterVehicleCommand(vehicleId, OWNER, vin, "12가3456", "Hyundai", "Avante", 1850,
                                                FuelType.GASOLINE, 0))
               .expectException(rejected("invalid_vehicle"));
        assertThat(directory.isClaimed(OWNER, withO)).isFalse();
        assertThat(directory.isClaimed(OWNER, vin)).isFalse();
    }

    @Test
    void deletingKeepsTheHistoryFreesTheVinAndHidesTheVehicle() {
        directory.claimVin(OWNER, vin, vehicleId);
        fixture.given(registered())
               .when(new DeleteVehicleCommand(vehicleId, OWNER))
               .expectEvents(new VehicleDeletedEvent(vehicleId, OWNER, vin));
        assertThat(directory.isClaimed(OWNER, vin)).isFalse();

        fixture.given(registered(), new VehicleDeletedEvent(vehicleId, OWNER, vin))
               .when(new UpdateMileageCommand(vehicleId, OWNER, 50_000))
               .expectNoEvents()
               .expectException(rejected("vehicle_not_found"));
    }

    @Test
    void someoneElsesVehicleDoesNotExistForThem() {
        fixture.given(registered())
               .when(new UpdateMileageCommand(vehicleId, "intruder", 50_000))
               .expectException(rejected("vehicle_not_found"));
        fixture.given(registered())
               .when(new ChangeVehicleDetailsCommand(vehicleId, "intruder", "34나5678", null, null, null, null))
               .expectException(rejected("vehicle_not_found"));
        fixture.given(registered())
               .when(new DeleteVehicleCommand(vehicleId, "intruder"))
               .expectException(rejected("vehicle_not_found"));
        fixture.given(registered(), logged("r-1", oilChange(TODAY, 40_000, 9_000)))
               .when(new DeleteMaintenanceCommand(vehicleId, "r-1", "intruder"))
               .expectException(rejected("maintenance_not_found"));
    }

    @Test
    void detailsChangeOnlyWhatIsGiven() {
        fixture.given(registered())
               .when(new ChangeVehicleDetailsCommand(vehicleId, OWNER, "34나5678", null, null, 2022, null))
               .expectEvents(new VehicleDetailsChangedEvent(vehicleId, OWNER, "34나5678", "Hyundai", "Avante", 2022,
                                                            FuelType.GASOLINE));
        fixture.given(registered())
               .when(new ChangeVehicleDetailsCommand(vehicleId, OWNER, "12가3456", "Hyundai", null, null, null))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void theOdometerNeverGoesBack() {
        fixture.given(registered())
               .when(new UpdateMileageCommand(vehicleId, OWNER, 39_999))
               .expectNoEvents()
               .expectException(rejected("mileage_decrease"));
        fixture.given(registered())
               .when(new UpdateMileageCommand(vehicleId, OWNER, 40_000))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(registered())
               .when(new UpdateMileageCommand(vehicleId, OWNER, 41_000))
               .expectEvents(new VehicleMileageUpdatedEvent(vehicleId, OWNER, 41_000));
    }

    @Test
    void aServiceIsLoggedFiledUnderItsVehicleAndSchedulesTheNextDueDate() {
        MaintenanceDetails service = oilChange(TODAY.minusDays(3), 39_500, 9_000);
        fixture.given(registered(), oilSchedule())
               .when(new LogMaintenanceCommand(vehicleId, "r-log", OWNER, service))
               .expectEvents(logged("r-log", service))
               .expectResultMessagePayload(new LoggedMaintenance("r-log", vehicleId))
               .expectScheduledDeadline(MaintenanceCalendar.dueAt(TODAY.minusDays(3).plusMonths(12)),
                                              new DuePoint(MaintenanceType.OIL_CHANGE,
                                                           TODAY.minusDays(3).plusMonths(12), 49_500L));
        assertThat(directory.vehicleOfRecord("r-log")).contains(vehicleId);
    }

    @Test
    void aServiceReadingAboveTheOdometerRaisesIt() {
        MaintenanceDetails service = oilChange(TODAY, 42_000, 9_000);
        fixture.given(registered())
               .when(new LogMaintenanceCommand(vehicleId, UUID.randomUUID().toString(), OWNER, service))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       Matchers.<Object>matches(payload -> payload instanceof MaintenanceLoggedEvent),
                       Matchers.<Object>equalTo(new VehicleMileageUpdatedEvent(vehicleId, OWNER, 42_000)),
                       andNoMore())));
    }

    @Test
    void badRecordsAreRefused() {
        fixture.given(registered())
               .when(new LogMaintenanceCommand(vehicleId, "r-x", OWNER, oilChange(TODAY.plusDays(1), 40_000, 1)))
               .expectNoEvents()
               .expectException(rejected("service_date_in_future"));
        fixture.given(registered())
               .when(new LogMaintenanceCommand(vehicleId, "r-x", OWNER, oilChange(TODAY, 40_000, -1)))
               .expectException(rejected("invalid_maintenance"));
        MaintenanceDetails negativeQuantity = new MaintenanceDetails(
                TODAY, 40_000, MaintenanceType.BRAKES, null, null,
                List.of(new MaintenancePart("Brake pads", null, -2, 30_000)), 0);
        fixture.given(registered())
               .when(new LogMaintenanceCommand(vehicleId, "r-x", OWNER, negativeQuantity))
               .expectException(rejected("invalid_maintenance"));
        fixture.given(registered(), logged("r-1", oilChange(TODAY.minusMonths(2), 38_000, 9_000)))
               .when(new LogMaintenanceCommand(vehicleId, "r-x", OWNER, oilChange(TODAY.minusMonths(1), 37_000,
                                                                                  9_000)))
               .expectException(rejected("mileage_inconsistent"));
        assertThat(directory.vehicleOfRecord("r-x")).isEmpty();
    }

    @Test
    void reachingTheDueMileageNotifiesOncePerDueCycle() {
        MaintenanceLoggedEvent lastOilChange = logged("r-1", oilChange(TODAY.minusMonths(1), 40_000, 9_000));
        fixture.given(registered(), oilSchedule(), lastOilChange)
               .when(new UpdateMileageCommand(vehicleId, OWNER, 50_200))
               .expectEvents(new VehicleMileageUpdatedEvent(vehicleId, OWNER, 50_200),
                             due(DueReason.MILEAGE, TODAY.minusMonths(1).plusMonths(12), 50_000));
        MaintenanceDueEvent notified = due(DueReason.MILEAGE, TODAY.minusMonths(1).plusMonths(12), 50_000);
        fixture.given(registered(), oilSchedule(), lastOilChange,
                      new VehicleMileageUpdatedEvent(vehicleId, OWNER, 50_200), notified)
               .when(new UpdateMileageCommand(vehicleId, OWNER, 51_000))
               .expectEvents(new VehicleMileageUpdatedEvent(vehicleId, OWNER, 51_000));

        MaintenanceDetails nextOilChange = oilChange(TODAY, 51_000, 9_000);
        fixture.given(registered(), oilSchedule(), lastOilChange,
                      new VehicleMileageUpdatedEvent(vehicleId, OWNER, 51_000), notified)
               .andGivenCommands(new LogMaintenanceCommand(vehicleId, "r-2", OWNER, nextOilChange))
               .when(new UpdateMileageCommand(vehicleId, OWNER, 61_000))
               .expectEvents(new VehicleMileageUpdatedEvent(vehicleId, OWNER, 61_000),
                             due(DueReason.MILEAGE, TODAY.plusMonths(12), 61_000));
    }

    @Test
    void aBackdatedServiceThatIsAlreadyOverdueNotifiesAtOnce() {
        MaintenanceDetails old = oilChange(TODAY.minusMonths(13), 32_000, 9_000);
        fixture.given(registered(), oilSchedule())
               .when(new LogMaintenanceCommand(vehicleId, "r-old", OWNER, old))
               .expectEvents(logged("r-old", old), due(DueReason.DATE, old.serviceDate().plusMonths(12), 42_000));
    }

    @Test
    void settingAScheduleCountsFromTheRegistrationAndSchedulesTheDueDate() {
        LocalDate registeredOn = TODAY.minusMonths(11);
        fixture.given(registered(registeredOn, 40_000))
               .when(new SetMaintenanceScheduleCommand(vehicleId, OWNER, List.of(OIL)))
               .expectEvents(oilSchedule())
               .expectScheduledDeadline(MaintenanceCalendar.dueAt(registeredOn.plusMonths(12)),
                                              new DuePoint(MaintenanceType.OIL_CHANGE, registeredOn.plusMonths(12),
                                                           50_000L));
    }

    @Test
    void whenTheDueDateComesTheVehicleBecomesDue() {
        LocalDate registeredOn = TODAY.minusMonths(11);
        fixture.given(registered(registeredOn, 40_000))
               .andGivenCommands(new SetMaintenanceScheduleCommand(vehicleId, OWNER, List.of(OIL)))
               .whenTimeElapses(Duration.ofDays(40))
               .expectDeadlinesMet(new DuePoint(MaintenanceType.OIL_CHANGE, registeredOn.plusMonths(12), 50_000L))
               .expectEvents(due(DueReason.DATE, registeredOn.plusMonths(12), 50_000));
    }

    @Test
    void aDeadlineTheDuePointHasMovedPastDoesNothing() {
        LocalDate registeredOn = TODAY.minusMonths(11);
        fixture.given(registered(registeredOn, 40_000))
               .andGivenCommands(new SetMaintenanceScheduleCommand(vehicleId, OWNER, List.of(OIL)),
                                 new LogMaintenanceCommand(vehicleId, "r-fresh", OWNER,
                                                           oilChange(TODAY, 40_000, 9_000)))
               .whenTimeElapses(Duration.ofDays(40))
               .expectNoEvents();
    }

    @Test
    void theScheduleAllowsOneRuleWithAnIntervalPerType() {
        fixture.given(registered())
               .when(new SetMaintenanceScheduleCommand(vehicleId, OWNER, List.of(OIL, OIL)))
               .expectException(rejected("invalid_schedule"));
        fixture.given(registered())
               .when(new SetMaintenanceScheduleCommand(vehicleId, OWNER, List.of(
                       new MaintenanceRule(MaintenanceType.TYRES, null, null))))
               .expectException(rejected("invalid_schedule"));
    }

    @Test
    void aRecordIsRevisedCompletelyOrDeleted() {
        MaintenanceDetails service = oilChange(TODAY.minusMonths(1), 40_000, 9_000);
        fixture.given(registered(), logged("r-1", service))
               .when(new ReviseMaintenanceCommand(vehicleId, "r-1", OWNER, new MaintenanceChange(
                       null, null, null, "oil, filter and wipers", null, null, 25_000L)))
               .expectEvents(new MaintenanceRevisedEvent(vehicleId, OWNER, "r-1", new MaintenanceDetails(
                       service.serviceDate(), 40_000, MaintenanceType.OIL_CHANGE, "oil, filter and wipers",
                       "Speedmate", service.parts(), 25_000)));
        fixture.given(registered(), logged("r-1", service))
               .when(new ReviseMaintenanceCommand(vehicleId, "r-1", OWNER, new MaintenanceChange(
                       TODAY.plusDays(2), null, null, null, null, null, null)))
               .expectException(rejected("service_date_in_future"));
        fixture.given(registered(), logged("r-1", service))
               .when(new DeleteMaintenanceCommand(vehicleId, "r-1", OWNER))
               .expectEvents(new MaintenanceDeletedEvent(vehicleId, OWNER, "r-1"));
        fixture.given(registered(), logged("r-1", service), new MaintenanceDeletedEvent(vehicleId, OWNER, "r-1"))
               .when(new DeleteMaintenanceCommand(vehicleId, "r-1", OWNER))
               .expectException(rejected("maintenance_not_found"));
    }

    /** What the events of an erased owner read as: no VIN, no plate, no details. */
    @Test
    void anErasedOwnersVehicleRefusesEverythingButItsDeletion() {
        directory.claimVin(OWNER, vin, vehicleId);
        VehicleRegisteredEvent erased = new VehicleRegisteredEvent(vehicleId, OWNER, null, null, "Hyundai", "Avante",
                                                                   2021, FuelType.GASOLINE, 40_000, TODAY);
        MaintenanceLoggedEvent erasedRecord = new MaintenanceLoggedEvent(vehicleId, OWNER, "r-1", null);
        fixture.given(erased, oilSchedule(), erasedRecord)
               .when(new UpdateMileageCommand(vehicleId, OWNER, 50_000))
               .expectException(rejected("vehicle_not_found"));
        fixture.given(erased, oilSchedule(), erasedRecord)
               .when(new DeleteMaintenanceCommand(vehicleId, "r-1", OWNER))
               .expectException(rejected("maintenance_not_found"));
        fixture.given(erased, oilSchedule(), erasedRecord)
               .when(new DeleteVehicleCommand(vehicleId, OWNER))
               .expectEvents(new VehicleDeletedEvent(vehicleId, OWNER, null));
        assertThat(directory.vehiclesOf(OWNER)).doesNotContain(vehicleId);
    }

    @Test
    void aSnapshotKeepsTheOwnersDataEncryptedAndLoadsOnceTheyAreErased() {
        InMemoryPersonalDataKeys keys = InMemoryPersonalDataKeys.perSubject();
        Serializer snapshots = new AxonInfrastructureConfiguration().serializer(keys);
        MaintenanceDetails service = oilChange(TODAY.minusMonths(1), 40_500, 9_000);
        fixture.given(registered(), oilSchedule(), logged("r-1", service))
               .when(new UpdateMileageCommand(vehicleId, OWNER, 41_000))
               .expectState(vehicle -> {
                   byte[] snapshot = snapshots.serialize(vehicle, byte[].class).getData();
                   assertThat(new String(snapshot, StandardCharsets.UTF_8))
                           .doesNotContain(vin, "12가3456", "engine oil and filter", "Speedmate");
                   keys.erase(OWNER);
                   Vehicle restored = snapshots.deserialize(
                           new SimpleSerializedObject<>(
                                   snapshot, byte[].class, snapshots.typeForClass(Vehicle.class)));
                   assertThat(restored.ownerId()).isEqualTo(OWNER);
                   assertThat(restored.mileage()).isEqualTo(41_000);
               });
    }

    @Test
    void aSnapshotRestoresWhatDueDecisionsNeed() {
        Serializer snapshots = new AxonInfrastructureConfiguration().serializer(
                InMemoryPersonalDataKeys.perSubject());
        MaintenanceDetails service = oilChange(TODAY.minusMonths(1), 40_000, 9_000);
        fixture.given(registered(), oilSchedule(), logged("r-1", service),
                      new VehicleMileageUpdatedEvent(vehicleId, OWNER, 50_200),
                      due(DueReason.MILEAGE, TODAY.minusMonths(1).plusMonths(12), 50_000))
               .when(new UpdateMileageCommand(vehicleId, OWNER, 50_300))
               .expectState(vehicle -> {
                   Vehicle restored = snapshots.deserialize(snapshots.serialize(vehicle, byte[].class));
                   assertThat(restored.duePoints()).isEqualTo(vehicle.duePoints());
                   assertThat(restored.mileage()).isEqualTo(50_300);
                   assertThat(restored.ownerId()).isEqualTo(OWNER);
               });
    }
}
