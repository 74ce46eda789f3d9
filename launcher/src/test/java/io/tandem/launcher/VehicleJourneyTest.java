package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.vehicle.DueReason;
import io.tandem.api.vehicle.MaintenanceCalendar;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceDueEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDeletedEvent;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vehicles over HTTP with every side in one JVM: an owner registers a car, logs services with parts, reads yearly
 * and per-type costs and the next due service, and a higher odometer reading makes the oil change due. Other users
 * get 404s, admins see everything, and every kind of bad input is a 4xx.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class VehicleJourneyTest {

    private static final LocalDate TODAY = MaintenanceCalendar.today();
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    private ApiClient anonymous;
    private ApiClient admin;
    private ApiClient owner;
    private ApiClient other;
    private String ownerEmail;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = anonymous.as(token("admin@tandem.test", "admin-pass-1"));
        ownerEmail = "driver-" + UUID.randomUUID() + "@example.com";
        owner = anonymous.as(signUp(ownerEmail));
        other = anonymous.as(signUp("other-" + UUID.randomUUID() + "@example.com"));
    }

    private String signUp(String email) {
        ApiResponse signedUp = SignUps.signUp(anonymous, email, "secret123", "V");
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        return token(email, "secret123");
    }

    private String token(String email, String password) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    private static String randomVin() {
        String characters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder("KMH");
        UUID.randomUUID().toString().replace("-", "").chars().limit(14)
            .forEach(c -> vin.append(characters.charAt((c * 7) % characters.length())));
        return vin.toString();
    }

    private static Map<String, Object> car(String vin) {
        return Map.of("vin", vin, "plate_number", "12가 3456", "make", "Hyundai", "model", "Avante", "year", 2021,
                      "fuel_type", "GASOLINE", "mileage", 40_000);
    }

    private String register(ApiClient as, String vin) {
        ApiResponse created = as.post("/api/vehicles", json(car(vin)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String vehicleId = created.json().get("vehicle_id").asText();
        // read-your-own-write: readable as soon as the registration answers
        assertThat(as.get("/api/vehicles/" + vehicleId).status()).isEqualTo(200);
        return vehicleId;
    }

    private static Map<String, Object> part(String name, int quantity, long unitCost) {
        return Map.of("name", name, "part_number", "P-" + name.length(), "quantity", quantity, "unit_cost", unitCost);
    }

    private static Map<String, Object> service(LocalDate date, long mileage, MaintenanceType type,
                                               List<Map<String, Object>> parts, long labourCost) {
        Map<String, Object> service = new HashMap<>();
        service.put("service_date", date.toString());
        service.put("mileage", mileage);
        service.put("type", type.name());
        service.put("description", "regular " + type.label());
        service.put("shop", "Blue Hands Mapo");
        service.put("parts", parts);
        service.put("labour_cost", labourCost);
        return service;
    }

    private String log(String vehicleId, Map<String, Object> service) {
        ApiResponse logged = owner.post("/api/vehicles/" + vehicleId + "/maintenance", json(service));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return logged.json().get("record_id").asText();
    }

    private List<Object> storedEvents(String vehicleId) {
        return eventStore.readEvents(vehicleId).asStream().map(EventMessage::getPayload).map(Object.class::cast)
                         .toList();
    }

    private List<MaintenanceDueEvent> dueEvents(String vehicleId) {
        return storedEvents(vehicleId).stream().filter(MaintenanceDueEvent.class::isInstance)
                                      .map(MaintenanceDueEvent.class::cast).toList();
    }

    private static List<String> ids(JsonNode page, String field) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get(field).asText())
                            .toList();
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(item -> item.get(field).asText().equals(value))
                            .findFirst().orElseThrow(() -> new AssertionError(value + " not in " + array));
    }

    @Test
    void anOwnerLogsServicesSeesCostsAndTheNextDueServiceAndIsToldWhenItFallsDue() {
        String vehicleId = register(owner, randomVin());
        ApiResponse scheduled = owner.put("/api/vehicles/" + vehicleId + "/schedule", json(Map.of("rules", List.of(
                Map.of("type", "OIL_CHANGE", "every_km", 10_000, "every_months", 12),
                Map.of("type", "TYRES", "every_km", 40_000)))));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(204);

        LocalDate tyresOn = TODAY.minusMonths(20);
        LocalDate firstOilOn = TODAY.minusMonths(14);
        LocalDate oilOn = TODAY.minusDays(5);
        log(vehicleId, service(tyresOn, 30_000, MaintenanceType.TYRES,
                               List.of(part("Hankook Ventus S1", 4, 120_000)), 40_000));
        // more than 12 months ago: the oil change is overdue the moment it is logged
        log(vehicleId, service(firstOilOn, 32_000, MaintenanceType.OIL_CHANGE,
                               List.of(part("Engine oil 5W-30", 4, 9_000), part("Oil filter", 1, 8_000)), 15_000));
        String oilRecord = log(vehicleId, service(oilOn, 39_800, MaintenanceType.OIL_CHANGE,
                                                  List.of(part("Engine oil 5W-30", 4, 10_000),
                                                          part("Oil filter", 1, 8_000)), 20_000));
        assertThat(dueEvents(vehicleId)).singleElement().satisfies(due -> {
            assertThat(due.ruleType()).isEqualTo(MaintenanceType.OIL_CHANGE);
            assertThat(due.reason()).isEqualTo(DueReason.DATE);
            assertThat(due.dueDate()).isEqualTo(firstOilOn.plusMonths(12));
        });
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(owner.get("/api/notifications").json()
                                                                            .get("items"))
                .anySatisfy(item -> {
                    assertThat(item.get("kind").asText()).isEqualTo("MAINTENANCE_DUE");
                    assertThat(item.get("subject_id").asText()).isEqualTo(vehicleId);
                }));

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                owner.get("/api/maintenance/" + oilRecord).status()).isEqualTo(200));
        JsonNode record = owner.get("/api/maintenance/" + oilRecord).json();
        assertThat(record.get("parts_cost").asLong()).isEqualTo(48_000);
        assertThat(record.get("total_cost").asLong()).isEqualTo(68_000);
        assertThat(byField(record.get("parts"), "name", "Engine oil 5W-30").get("cost").asLong()).isEqualTo(40_000);

        Map<Integer, Long> expectedPerYear = new HashMap<>();
        expectedPerYear.merge(tyresOn.getYear(), 520_000L, Long::sum);
        expectedPerYear.merge(firstOilOn.getYear(), 59_000L, Long::sum);
        expectedPerYear.merge(oilOn.getYear(), 68_000L, Long::sum);
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                owner.get("/api/vehicles/" + vehicleId + "/maintenance/summary").json().get("total_cost").asLong())
                .isEqualTo(647_000));
        JsonNode summary = owner.get("/api/vehicles/" + vehicleId + "/maintenance/summary").json();
        List<Integer> years = new ArrayList<>(expectedPerYear.keySet());
        years.sort(Collections.reverseOrder());
        assertThat(StreamSupport.stream(summary.get("by_year").spliterator(), false)
                                .map(year -> year.get("year").asInt()).toList()).isEqualTo(years);
        expectedPerYear.forEach((year, total) -> assertThat(
                byField(summary.get("by_year"), "year", year.toString()).get("total_cost").asLong()).isEqualTo(total));
        JsonNode oilCost = byField(summary.get("by_type"), "type", "OIL_CHANGE");
        assertThat(oilCost.get("total_cost").asLong()).isEqualTo(127_000);
        assertThat(oilCost.get("records").asInt()).isEqualTo(2);
        assertThat(byField(summary.get("by_type"), "type", "TYRES").get("total_cost").asLong()).isEqualTo(520_000);

        JsonNode nextOil = byField(summary.get("next_due"), "type", "OIL_CHANGE");
        assertThat(nextOil.get("due_date").asText()).isEqualTo(oilOn.plusMonths(12).toString());
        assertThat(nextOil.get("due_mileage").asLong()).isEqualTo(49_800);
        assertThat(nextOil.get("km_remaining").asLong()).isEqualTo(9_800);
        assertThat(nextOil.get("due").asBoolean()).isFalse();
        JsonNode nextTyres = byField(summary.get("next_due"), "type", "TYRES");
        assertThat(nextTyres.get("due_mileage").asLong()).isEqualTo(70_000);
        assertThat(nextTyres.has("due_date")).isFalse();

        ApiResponse reading = owner.patch("/api/vehicles/" + vehicleId + "/mileage", json(Map.of("mileage", 50_100)));
        assertThat(reading.status()).as(reading.toString()).isEqualTo(204);
        assertThat(dueEvents(vehicleId)).hasSize(2).last().satisfies(due -> {
            assertThat(due.ruleType()).isEqualTo(MaintenanceType.OIL_CHANGE);
            assertThat(due.reason()).isEqualTo(DueReason.MILEAGE);
            assertThat(due.dueMileage()).isEqualTo(49_800);
        });
        // the same due cycle notifies once
        assertThat(owner.patch("/api/vehicles/" + vehicleId + "/mileage", json(Map.of("mileage", 50_900))).status())
                .isEqualTo(204);
        assertThat(dueEvents(vehicleId)).hasSize(2);

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(byField(
                owner.get("/api/vehicles/" + vehicleId + "/schedule").json().get("next_due"), "type", "OIL_CHANGE")
                .get("due").asBoolean()).isTrue());
        JsonNode schedule = owner.get("/api/vehicles/" + vehicleId + "/schedule").json();
        assertThat(schedule.get("rules")).hasSize(2);
        assertThat(schedule.get("next_due").get(0).get("type").asText()).isEqualTo("OIL_CHANGE");

        JsonNode records = owner.get("/api/vehicles/" + vehicleId + "/maintenance?page=0&size=10").json();
        assertThat(records.get("total").asLong()).isEqualTo(3);
        assertThat(ids(records, "record_id").get(0)).isEqualTo(oilRecord);
    }

    @Test
    void aRecordIsChangedAndDeletedThroughItsOwnAddress() {
        String vehicleId = register(owner, randomVin());
        String recordId = log(vehicleId, service(TODAY.minusMonths(2), 39_000, MaintenanceType.BRAKES,
                                                 List.of(part("Brake pads", 2, 45_000)), 30_000));
        ApiResponse changed = owner.patch("/api/maintenance/" + recordId, json(Map.of(
                "labour_cost", 35_000, "parts", List.of(part("Brake pads", 2, 45_000), part("Brake fluid", 1, 12_000)))));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                owner.get("/api/maintenance/" + recordId).json().path("total_cost").asLong()).isEqualTo(137_000));
        assertThat(owner.get("/api/maintenance/" + recordId).json().get("type").asText()).isEqualTo("BRAKES");

        assertThat(owner.delete("/api/maintenance/" + recordId).status()).isEqualTo(204);
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                owner.get("/api/maintenance/" + recordId).status()).isEqualTo(404));
        assertThat(owner.delete("/api/maintenance/" + recordId).status()).isEqualTo(404);
        assertThat(owner.get("/api/vehicles/" + vehicleId + "/maintenance?page=0").json().get("total").asLong())
                .isZero();
    }

    @Test
    void anotherUserFindsNothingAndAdminsSeeEverything() {
        String vin = randomVin();
        String vehicleId = register(owner, vin);
        String recordId = log(vehicleId, service(TODAY.minusDays(1), 40_000, MaintenanceType.INSPECTION, List.of(),
                                                 50_000));
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                owner.get("/api/maintenance/" + recordId).status()).isEqualTo(200));
        String vehicle = "/api/vehicles/" + vehicleId;

        List<ApiResponse> intrusions = List.of(
                other.get(vehicle), other.get(vehicle + "/maintenance"), other.get(vehicle + "/maintenance/summary"),
                other.get(vehicle + "/schedule"), other.get("/api/maintenance/" + recordId),
                other.patch(vehicle, json(Map.of("make", "Kia"))),
                other.patch(vehicle + "/mileage", json(Map.of("mileage", 90_000))),
                other.put(vehicle + "/schedule", json(Map.of("rules", List.of()))),
                other.post(vehicle + "/maintenance", json(service(TODAY, 40_000, MaintenanceType.OTHER, List.of(), 0))),
                other.patch("/api/maintenance/" + recordId, json(Map.of("labour_cost", 1))),
                other.delete("/api/maintenance/" + recordId),
                other.delete(vehicle),
                other.get("/api/vehicles/" + UUID.randomUUID()),
                other.patch("/api/vehicles/" + UUID.randomUUID() + "/mileage", json(Map.of("mileage", 1))),
                other.get("/api/vehicles/not-an-id"));
        assertThat(intrusions).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        });
        assertThat(ids(other.get("/api/vehicles").json(), "vehicle_id")).doesNotContain(vehicleId);
        assertThat(owner.get(vehicle).json().get("make").asText()).isEqualTo("Hyundai");
        assertThat(dueEvents(vehicleId)).isEmpty();

        assertThat(admin.get(vehicle).status()).isEqualTo(200);
        assertThat(admin.get("/api/maintenance/" + recordId).status()).isEqualTo(200);
        assertThat(ids(admin.get("/api/admin/vehicles?vin=" + vin).json(), "vehicle_id")).containsExactly(vehicleId);
        assertThat(ids(admin.get("/api/admin/vehicles?vin=" + vin.substring(0, 12).toLowerCase()).json(),
                       "vehicle_id")).contains(vehicleId);
        // the owner's email comes from the user profiles, a projection of its own
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(ids(admin.get(
                "/api/admin/vehicles?owner=" + URLEncoder.encode(ownerEmail, StandardCharsets.UTF_8)).json(),
                                                                           "vehicle_id")).containsExactly(vehicleId));
        String ownerId = admin.get(vehicle).json().get("owner_id").asText();
        assertThat(ids(admin.get("/api/admin/vehicles?owner=" + ownerId).json(), "vehicle_id"))
                .containsExactly(vehicleId);
        JsonNode byPlate = admin.get("/api/admin/vehicles?page=0&size=100&vin=" + vin.substring(0, 10) + "&plate="
                                     + URLEncoder.encode("12가-3456", StandardCharsets.UTF_8)).json();
        assertThat(ids(byPlate, "vehicle_id")).contains(vehicleId);
        assertThat(byPlate.get("total").asLong()).isPositive();
        JsonNode inspections = admin.get("/api/admin/maintenance?size=100&type=INSPECTION&from=" + TODAY.minusDays(1)
                                         + "&to=" + TODAY).json();
        assertThat(ids(inspections, "record_id")).contains(recordId);
        assertThat(ids(admin.get("/api/admin/maintenance?size=100&type=TYRES&from=" + TODAY.minusDays(1)).json(),
                       "record_id")).doesNotContain(recordId);
        assertThat(owner.get("/api/admin/vehicles").status()).isEqualTo(403);
        assertThat(owner.get("/api/admin/maintenance").status()).isEqualTo(403);
    }

    @Test
    void deletingAVehicleKeepsItsHistoryHidesItAndFreesItsVin() {
        String vin = randomVin();
        String vehicleId = register(owner, vin);
        String recordId = log(vehicleId, service(TODAY, 40_500, MaintenanceType.REPAIR, List.of(), 100_000));
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                owner.get("/api/maintenance/" + recordId).status()).isEqualTo(200));

        assertThat(owner.delete("/api/vehicles/" + vehicleId).status()).isEqualTo(204);
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                ids(owner.get("/api/vehicles").json(), "vehicle_id")).doesNotContain(vehicleId));
        assertThat(owner.get("/api/vehicles/" + vehicleId).status()).isEqualTo(404);
        assertThat(owner.get("/api/maintenance/" + recordId).status()).isEqualTo(404);
        assertThat(owner.patch("/api/vehicles/" + vehicleId + "/mileage", json(Map.of("mileage", 41_000))).status())
                .isEqualTo(404);
        assertThat(owner.delete("/api/vehicles/" + vehicleId).status()).isEqualTo(404);
        assertThat(storedEvents(vehicleId)).hasSizeGreaterThanOrEqualTo(3).last()
                                           .isInstanceOf(VehicleDeletedEvent.class);
        assertThat(ids(admin.get("/api/admin/vehicles?vin=" + vin).json(), "vehicle_id")).isEmpty();
        assertThat(ids(admin.get("/api/admin/vehicles?include_deleted=true&vin=" + vin).json(), "vehicle_id"))
                .containsExactly(vehicleId);

        String sameCarAgain = register(other, vin);
        assertThat(sameCarAgain).isNotEqualTo(vehicleId);
    }

    /**
     * A VIN is printed on the windshield, so it proves nothing: whoever registers it first must not lock the real
     * owner out (security review L8). Each account may hold a VIN once.
     */
    @Test
    void nobodyCanSquatAnotherOwnersVin() {
        String vin = randomVin();
        String squatted = register(other, vin);

        String owners = register(owner, vin);

        assertThat(owners).isNotEqualTo(squatted);
        assertProblem(owner.post("/api/vehicles", json(car(vin))), 409, "vin_taken");
        assertProblem(other.post("/api/vehicles", json(car(vin))), 409, "vin_taken");
    }

    @Test
    void listsArePagedByPageNumberOrByCursor() {
        List<String> registered = IntStream.range(0, 3).mapToObj(i -> register(owner, randomVin())).toList();
        JsonNode firstPage = owner.get("/api/vehicles?page=0&size=2").json();
        assertThat(firstPage.get("total").asLong()).isEqualTo(3);
        assertThat(ids(firstPage, "vehicle_id")).containsExactly(registered.get(2), registered.get(1));
        assertThat(ids(owner.get("/api/vehicles?page=1&size=2").json(), "vehicle_id"))
                .containsExactly(registered.get(0));

        JsonNode firstSlice = owner.get("/api/vehicles?size=2").json();
        assertThat(ids(firstSlice, "vehicle_id")).containsExactly(registered.get(2), registered.get(1));
        JsonNode lastSlice = owner.get("/api/vehicles?size=2&cursor=" + firstSlice.get("next_cursor").asText())
                                  .json();
        assertThat(ids(lastSlice, "vehicle_id")).containsExactly(registered.get(0));
        assertThat(lastSlice.has("next_cursor")).isFalse();
    }

    @Test
    void everyKindOfBadInputIsAClearClientError() {
        String vin = randomVin();
        String vehicleId = register(owner, vin);
        String vehicle = "/api/vehicles/" + vehicleId;

        Map<String, Object> withO = new HashMap<>(car("KMHO" + vin.substring(4)));
        assertProblem(owner.post("/api/vehicles", json(withO)), 400, "invalid_request");
        Map<String, Object> tooShort = new HashMap<>(car(vin.substring(1)));
        assertProblem(owner.post("/api/vehicles", json(tooShort)), 400, "invalid_request");
        assertProblem(owner.post("/api/vehicles", json(car(vin))), 409, "vin_taken");
        assertProblem(owner.post("/api/vehicles", json(car(vin.toLowerCase()))), 409, "vin_taken");
        Map<String, Object> negativeMileage = new HashMap<>(car(randomVin()));
        negativeMileage.put("mileage", -1);
        assertProblem(owner.post("/api/vehicles", json(negativeMileage)), 400, "invalid_request");
        assertProblem(owner.patch(vehicle, json(Map.of("vin", randomVin()))), 400, "invalid_request");

        assertProblem(owner.patch(vehicle + "/mileage", json(Map.of("mileage", 39_999))), 409, "mileage_decrease");

        assertProblem(owner.post(vehicle + "/maintenance", json(service(
                TODAY.plusDays(2), 40_000, MaintenanceType.OIL_CHANGE, List.of(), 0))), 400, "service_date_in_future");
        assertProblem(owner.post(vehicle + "/maintenance", json(service(
                TODAY, 40_000, MaintenanceType.OIL_CHANGE, List.of(part("Oil", -1, 9_000)), 0))),
                      400, "invalid_request");
        assertProblem(owner.post(vehicle + "/maintenance", json(service(
                TODAY, 40_000, MaintenanceType.OIL_CHANGE, List.of(part("Oil", 4, -9_000)), 0))),
                      400, "invalid_request");
        assertProblem(owner.post(vehicle + "/maintenance", json(service(
                TODAY, 40_000, MaintenanceType.OIL_CHANGE, List.of(), -1))), 400, "invalid_request");
        Map<String, Object> tooLong = service(TODAY, 40_000, MaintenanceType.OTHER, List.of(), 0);
        tooLong.put("description", "x".repeat(1001));
        assertProblem(owner.post(vehicle + "/maintenance", json(tooLong)), 400, "invalid_request");
        Map<String, Object> unknownType = service(TODAY, 40_000, MaintenanceType.OTHER, List.of(), 0);
        unknownType.put("type", "CAR_WASH");
        assertProblem(owner.post(vehicle + "/maintenance", json(unknownType)), 400, "invalid_request");
        List<Map<String, Object>> tooManyParts = IntStream.range(0, 51).mapToObj(i -> part("Bolt", 1, 100)).toList();
        assertProblem(owner.post(vehicle + "/maintenance", json(service(
                TODAY, 40_000, MaintenanceType.REPAIR, tooManyParts, 0))), 400, "invalid_request");

        String recordId = log(vehicleId, service(TODAY.minusDays(10), 39_500, MaintenanceType.OIL_CHANGE,
                                                 List.of(), 10_000));
        assertProblem(owner.patch("/api/maintenance/" + recordId, json(Map.of("labour_cost", -5))), 400,
                      "invalid_request");
        assertProblem(owner.patch("/api/maintenance/" + recordId, json(Map.of("service_date",
                                                                            TODAY.plusDays(3).toString()))),
                      400, "service_date_in_future");
        assertProblem(owner.post(vehicle + "/maintenance", json(service(
                TODAY.minusDays(5), 39_000, MaintenanceType.OTHER, List.of(), 0))), 409, "mileage_inconsistent");

        assertProblem(owner.put(vehicle + "/schedule", json(Map.of("rules", List.of(Map.of("type", "TYRES"))))),
                      400, "invalid_request");
        assertProblem(owner.put(vehicle + "/schedule", json(Map.of("rules", List.of(
                Map.of("type", "TYRES", "every_km", 40_000), Map.of("type", "TYRES", "every_months", 36))))),
                      400, "invalid_schedule");

        assertProblem(owner.get("/api/vehicles?page=-1"), 400, "invalid_paging");
        assertProblem(owner.get("/api/vehicles?cursor=not-a-cursor"), 400, "invalid_cursor");
        assertProblem(owner.get("/api/vehicles?page=0&cursor=abc"), 400, "invalid_paging");
        assertProblem(admin.get("/api/admin/maintenance?from=2026-02-01&to=2026-01-01"), 400, "invalid_range");
        assertProblem(admin.get("/api/admin/vehicles?vin=KMH%25"), 400, "invalid_request");
    }

    private static void assertProblem(ApiResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
    }
}
