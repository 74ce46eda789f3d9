package io.tandem.query.vehicle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.api.vehicle.FuelType;
import io.tandem.api.vehicle.MaintenanceCalendar;
import io.tandem.api.vehicle.MaintenancePart;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceRule.DuePoint;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleQueries.DueItem;
import io.tandem.api.vehicle.VehicleQueries.FindMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.FindScheduleQuery;
import io.tandem.api.vehicle.VehicleQueries.FindVehicleQuery;
import io.tandem.api.vehicle.VehicleQueries.ListMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.ListMyVehiclesQuery;
import io.tandem.api.vehicle.VehicleQueries.MaintenancePage;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceSummary;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceSummaryQuery;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceView;
import io.tandem.api.vehicle.VehicleQueries.PartView;
import io.tandem.api.vehicle.VehicleQueries.ScheduleView;
import io.tandem.api.vehicle.VehicleQueries.SearchMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.SearchVehiclesQuery;
import io.tandem.api.vehicle.VehicleQueries.TypeCost;
import io.tandem.api.vehicle.VehicleQueries.VehiclePage;
import io.tandem.api.vehicle.VehicleQueries.VehicleView;
import io.tandem.api.vehicle.VehicleQueries.YearCost;
import io.tandem.platform.jdbc.JsonColumns;
import io.tandem.query.vehicle.Slices.KeyColumn;
import io.tandem.query.vehicle.Slices.Slice;
import io.tandem.query.vehicle.Slices.SqlType;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * Answers the vehicle queries from the rows of {@link VehicleProjection}. A user sees only their own live vehicles
 * and those vehicles' live records; anything else is NOT_FOUND, exactly as an unknown id is.
 */
@Component
class VehicleReadModel {

    private static final TypeReference<List<MaintenanceRule>> RULES = new TypeReference<>() {
    };
    private static final TypeReference<List<MaintenancePart>> PARTS = new TypeReference<>() {
    };

    private static final RowMapper<VehicleRow> VEHICLE = (rs, row) -> new VehicleRow(
            new VehicleView(rs.getString("vehicle_id"), rs.getString("owner_id"), rs.getString("vin"),
                            rs.getString("plate_number"), rs.getString("make"), rs.getString("model"),
                            rs.getInt("year"), FuelType.valueOf(rs.getString("fuel_type")), rs.getLong("mileage"),
                            rs.getObject("registered_on", LocalDate.class),
                            instant(rs, "registered_at"),
                            instant(rs, "deleted_at")),
            rs.getLong("registration_mileage"), JsonColumns.read(rs.getString("schedule"), RULES));

    private static final RowMapper<MaintenanceView> RECORD = (rs, row) -> new MaintenanceView(
            rs.getString("record_id"), rs.getString("vehicle_id"), rs.getString("owner_id"),
            rs.getObject("service_date", LocalDate.class), rs.getLong("mileage"),
            MaintenanceType.valueOf(rs.getString("type")), rs.getString("description"), rs.getString("shop"),
            JsonColumns.read(rs.getString("parts"), PARTS).stream()
                       .map(part -> new PartView(part.name(), part.partNumber(), part.quantity(), part.unitCost(),
                                                 part.cost()))
                       .toList(),
            rs.getLong("parts_cost"), rs.getLong("labour_cost"), rs.getLong("total_cost"),
            instant(rs, "recorded_at"));

    private static final Slices<VehicleView> VEHICLES = new Slices<>(
            "SELECT * FROM vehicle v WHERE (CAST(:ownerId AS VARCHAR) IS NULL OR v.owner_id = :ownerId)"
            + " AND (:includeDeleted OR v.deleted_at IS NULL)"
            + " AND (CAST(:vin AS VARCHAR) IS NULL OR v.vin LIKE :vin || '%')"
            + " AND (CAST(:plate AS VARCHAR) IS NULL OR v.plate_key LIKE '%' || :plate || '%')"
            + " AND (CAST(:ownerEmail AS VARCHAR) IS NULL OR v.owner_id IN"
            + " (SELECT user_id FROM user_profile WHERE lower(email) = :ownerEmail))",
            List.of(new KeyColumn("v.registered_at", SqlType.TIMESTAMPTZ),
                    new KeyColumn("v.vehicle_id", SqlType.VARCHAR)),
            (rs, row) -> VEHICLE.mapRow(rs, row).view(),
            vehicle -> Cursor.of(vehicle.registeredAt(), vehicle.vehicleId()));

    private static final Slices<MaintenanceView> RECORDS = new Slices<>(
            "SELECT r.* FROM maintenance_record r JOIN vehicle v ON v.vehicle_id = r.vehicle_id"
            + " WHERE (CAST(:vehicleId AS VARCHAR) IS NULL OR r.vehicle_id = :vehicleId)"
            + " AND r.deleted_at IS NULL AND v.deleted_at IS NULL"
            + " AND (CAST(:type AS VARCHAR) IS NULL OR r.type = :type)"
            + " AND (CAST(:from AS DATE) IS NULL OR r.service_date >= CAST(:from AS DATE))"
            + " AND (CAST(:to AS DATE) IS NULL OR r.service_date <= CAST(:to AS DATE))",
            List.of(new KeyColumn("r.service_date", SqlType.DATE), new KeyColumn("r.mileage", SqlType.BIGINT),
                    new KeyColumn("r.record_id", SqlType.VARCHAR)),
            RECORD,
            record -> Cursor.of(record.serviceDate(), record.mileage(), record.recordId()));

    private final JdbcClient jdbc;

    VehicleReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    VehiclePage handle(ListMyVehiclesQuery query) {
        Slice<VehicleView> slice = VEHICLES.fetch(jdbc, vehicleFilters(query.userId(), false, null, null, null),
                                                  query.page());
        return new VehiclePage(slice.items(), slice.total(), slice.page(), query.page().size(), slice.nextCursor());
    }

    @QueryHandler
    VehiclePage handle(SearchVehiclesQuery query) {
        String owner = query.owner();
        boolean byEmail = owner != null && owner.contains("@");
        Slice<VehicleView> slice = VEHICLES.fetch(
                jdbc, vehicleFilters(byEmail ? null : owner, query.includeDeleted(), query.vin(),
                                     query.plate() == null ? null : VehicleProjection.plateKey(query.plate()),
                                     byEmail ? owner.toLowerCase(Locale.ROOT) : null),
                query.page());
        return new VehiclePage(slice.items(), slice.total(), slice.page(), query.page().size(), slice.nextCursor());
    }

    @QueryHandler
    VehicleView handle(FindVehicleQuery query) {
        return visibleVehicle(query.vehicleId(), query.userId()).view();
    }

    @QueryHandler
    MaintenancePage handle(ListMaintenanceQuery query) {
        visibleVehicle(query.vehicleId(), query.userId());
        return records(recordFilters(query.vehicleId(), null, null, null), query.page());
    }

    @QueryHandler
    MaintenancePage handle(SearchMaintenanceQuery query) {
        return records(recordFilters(null, query.type(), query.from(), query.to()), query.page());
    }

    @QueryHandler
    MaintenanceView handle(FindMaintenanceQuery query) {
        return jdbc.sql("""
                        SELECT r.* FROM maintenance_record r JOIN vehicle v ON v.vehicle_id = r.vehicle_id
                        WHERE r.record_id = :recordId AND r.deleted_at IS NULL
                          AND (CAST(:userId AS VARCHAR) IS NULL OR (v.owner_id = :userId AND v.deleted_at IS NULL))
                        """)
                   .param("recordId", query.recordId())
                   .param("userId", query.userId())
                   .query(RECORD)
                   .optional()
                   .orElseThrow(() -> new RejectedException(Rejection.notFound("maintenance_not_found",
                                                                               "No such maintenance record.")));
    }

    @QueryHandler
    ScheduleView handle(FindScheduleQuery query) {
        VehicleRow vehicle = visibleVehicle(query.vehicleId(), query.userId());
        return new ScheduleView(vehicle.view().vehicleId(), vehicle.rules(), nextDue(vehicle));
    }

    @QueryHandler
    MaintenanceSummary handle(MaintenanceSummaryQuery query) {
        VehicleRow vehicle = visibleVehicle(query.vehicleId(), query.userId());
        record Cost(int year, MaintenanceType type, long total, int records) {
        }
        List<Cost> costs = jdbc.sql("""
                                    SELECT CAST(EXTRACT(YEAR FROM service_date) AS INTEGER) AS year, type,
                                           SUM(total_cost) AS total, COUNT(*) AS records
                                    FROM maintenance_record WHERE vehicle_id = :vehicleId AND deleted_at IS NULL
                                    GROUP BY 1, 2
                                    """)
                               .param("vehicleId", query.vehicleId())
                               .query((rs, row) -> new Cost(rs.getInt("year"),
                                                            MaintenanceType.valueOf(rs.getString("type")),
                                                            rs.getLong("total"), rs.getInt("records")))
                               .list();
        Map<Integer, List<Cost>> perYear = new TreeMap<>(Comparator.reverseOrder());
        Map<MaintenanceType, TypeCost> perType = new EnumMap<>(MaintenanceType.class);
        for (Cost cost : costs) {
            perYear.computeIfAbsent(cost.year(), year -> new ArrayList<>()).add(cost);
            perType.merge(cost.type(), new TypeCost(cost.type(), cost.total(), cost.records()),
                          (a, b) -> new TypeCost(a.type(), a.totalCost() + b.totalCost(), a.records() + b.records()));
        }
        List<YearCost> byYear = perYear.entrySet().stream()
                                       .map(year -> new YearCost(
                                               year.getKey(),
                                               year.getValue().stream().mapToLong(Cost::total).sum(),
                                               year.getValue().stream().mapToInt(Cost::records).sum(),
                                               year.getValue().stream()
                                                   .sorted(Comparator.comparing(Cost::type))
                                                   .map(c -> new TypeCost(c.type(), c.total(), c.records()))
                                                   .toList()))
                                       .toList();
        long total = costs.stream().mapToLong(Cost::total).sum();
        return new MaintenanceSummary(query.vehicleId(), total, byYear, List.copyOf(perType.values()),
                                      nextDue(vehicle));
    }

    /**
     * Each rule's next due point from its type's latest service, or from the registration before the first, by
     * the same rule the vehicle notifies with; due items first, then the soonest date.
     */
    private List<DueItem> nextDue(VehicleRow vehicle) {
        record LastService(LocalDate date, long mileage) {
        }
        Map<MaintenanceType, LastService> latest = new HashMap<>();
        jdbc.sql("""
                 SELECT DISTINCT ON (type) type, service_date, mileage FROM maintenance_record
                 WHERE vehicle_id = :vehicleId AND deleted_at IS NULL
                 ORDER BY type, service_date DESC, mileage DESC
                 """)
            .param("vehicleId", vehicle.view().vehicleId())
            .query(rs -> {
                latest.put(MaintenanceType.valueOf(rs.getString("type")),
                           new LastService(rs.getObject("service_date", LocalDate.class), rs.getLong("mileage")));
            });
        LocalDate today = MaintenanceCalendar.today();
        long mileage = vehicle.view().mileage();
        return vehicle.rules().stream()
                      .map(rule -> {
                          LastService last = latest.get(rule.type());
                          DuePoint point = last == null
                                  ? rule.nextDue(vehicle.view().registeredOn(), vehicle.registrationMileage())
                                  : rule.nextDue(last.date(), last.mileage());
                          return new DueItem(rule.type(), rule.everyKm(), rule.everyMonths(),
                                             last == null ? null : last.date(), last == null ? null : last.mileage(),
                                             point.dueDate(), point.dueMileage(),
                                             point.dueMileage() == null ? null : point.dueMileage() - mileage,
                                             point.dueByDate(today) || point.dueByMileage(mileage));
                      })
                      .sorted(Comparator.comparing(DueItem::due).reversed()
                                        .thenComparing(DueItem::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                                        .thenComparing(DueItem::kmRemaining,
                                                       Comparator.nullsLast(Comparator.naturalOrder())))
                      .toList();
    }

    private VehicleRow visibleVehicle(String vehicleId, String userId) {
        return jdbc.sql("""
                        SELECT * FROM vehicle
                        WHERE vehicle_id = :vehicleId
                          AND (CAST(:userId AS VARCHAR) IS NULL OR (owner_id = :userId AND deleted_at IS NULL))
                        """)
                   .param("vehicleId", vehicleId)
                   .param("userId", userId)
                   .query(VEHICLE)
                   .optional()
                   .orElseThrow(() -> new RejectedException(Rejection.notFound("vehicle_not_found",
                                                                               "No such vehicle.")));
    }

    private MaintenancePage records(Map<String, Object> filters, PageRequest page) {
        Slice<MaintenanceView> slice = RECORDS.fetch(jdbc, filters, page);
        return new MaintenancePage(slice.items(), slice.total(), slice.page(), page.size(), slice.nextCursor());
    }

    private static Map<String, Object> vehicleFilters(String ownerId, boolean includeDeleted, String vin,
                                                      String plateKey, String ownerEmail) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("ownerId", ownerId);
        filters.put("includeDeleted", includeDeleted);
        filters.put("vin", vin);
        filters.put("plate", plateKey);
        filters.put("ownerEmail", ownerEmail);
        return filters;
    }

    private static Map<String, Object> recordFilters(String vehicleId, MaintenanceType type, LocalDate from,
                                                     LocalDate to) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("vehicleId", vehicleId);
        filters.put("type", type == null ? null : type.name());
        filters.put("from", from);
        filters.put("to", to);
        return filters;
    }

    /** A vehicle row with what the next due items are computed from besides the view. */
    private record VehicleRow(VehicleView view, long registrationMileage, List<MaintenanceRule> rules) {
    }
}
