package io.tandem.api.vehicle;

import io.tandem.api.paging.PageRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads of vehicles and their maintenance. A null {@code userId} reads as an admin (any owner's); otherwise an
 * unknown, deleted or someone else's vehicle or record is NOT_FOUND.
 */
public final class VehicleQueries {

    private VehicleQueries() {
    }

    public record ListMyVehiclesQuery(String userId, PageRequest page) {
    }

    public record FindVehicleQuery(String vehicleId, String userId) {
    }

    public record ListMaintenanceQuery(String vehicleId, String userId, PageRequest page) {
    }

    public record FindMaintenanceQuery(String recordId, String userId) {
    }

    public record MaintenanceSummaryQuery(String vehicleId, String userId) {
    }

    public record FindScheduleQuery(String vehicleId, String userId) {
    }

    /**
     * Admins: null filters match everything. {@code vin} matches from the start, {@code plate} anywhere ignoring
     * spaces and hyphens; {@code owner} is a user id or an email address.
     */
    public record SearchVehiclesQuery(String vin, String plate, String owner, boolean includeDeleted,
                                      PageRequest page) {
    }

    /** Admins: live records with service dates in the range, both ends included; null filters match everything. */
    public record SearchMaintenanceQuery(MaintenanceType type, LocalDate from, LocalDate to, PageRequest page) {
    }

    public record VehicleView(String vehicleId, String ownerId, String vin, String plateNumber, String make,
                              String model, int year, FuelType fuelType, long mileage, LocalDate registeredOn,
                              Instant registeredAt, Instant deletedAt) {
    }

    /** Page mode answers {@code total} and {@code page}; cursor mode answers {@code nextCursor} (null at the end). */
    public record VehiclePage(List<VehicleView> items, Long total, Integer page, int size, String nextCursor) {
    }

    public record PartView(String name, String partNumber, int quantity, long unitCost, long cost) {
    }

    public record MaintenanceView(String recordId, String vehicleId, String ownerId, LocalDate serviceDate,
                                  long mileage, MaintenanceType type, String description, String shop,
                                  List<PartView> parts, long partsCost, long labourCost, long totalCost,
                                  Instant recordedAt) {
    }

    public record MaintenancePage(List<MaintenanceView> items, Long total, Integer page, int size,
                                  String nextCursor) {
    }

    /** When a scheduled item is next due, counted from its latest service (or the vehicle's registration). */
    public record DueItem(MaintenanceType type, Long everyKm, Integer everyMonths, LocalDate lastServiceDate,
                          Long lastServiceMileage, LocalDate dueDate, Long dueMileage, Long kmRemaining,
                          boolean due) {
    }

    public record ScheduleView(String vehicleId, List<MaintenanceRule> rules, List<DueItem> nextDue) {
    }

    public record TypeCost(MaintenanceType type, long totalCost, int records) {
    }

    public record YearCost(int year, long totalCost, int records, List<TypeCost> byType) {
    }

    /** Costs in whole won, newest year first; {@code nextDue} soonest first. */
    public record MaintenanceSummary(String vehicleId, long totalCost, List<YearCost> byYear, List<TypeCost> byType,
                                     List<DueItem> nextDue) {
    }
}
