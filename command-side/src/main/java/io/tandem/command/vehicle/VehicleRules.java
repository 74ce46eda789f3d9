package io.tandem.command.vehicle;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.vehicle.MaintenanceCalendar;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenancePart;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleCommands.RegisterVehicleCommand;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a valid vehicle, maintenance record and schedule look like. The REST API checks the same limits field by
 * field; these checks guard the aggregate against commands from anywhere else.
 */
final class VehicleRules {

    /** 17 characters; I, O and Q are never used because they look like 1 and 0. */
    static final String VIN = "[A-HJ-NPR-Z0-9]{17}";
    /** Korean plates such as 12가3456 or 서울12가3456, and foreign ones: letters, digits, spaces, hyphens. */
    static final String PLATE = "[\\p{L}\\p{Nd}][\\p{L}\\p{Nd} -]{0,18}[\\p{L}\\p{Nd}]";
    static final int MAX_NAME = 50;
    static final int FIRST_YEAR = 1900;
    static final long MAX_MILEAGE = 3_000_000;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_SHOP = 100;
    static final int MAX_PARTS = 50;
    static final int MAX_PART_NAME = 100;
    static final int MAX_PART_NUMBER = 50;
    static final int MAX_QUANTITY = 10_000;
    static final long MAX_UNIT_COST = 100_000_000;
    static final long MAX_LABOUR_COST = 1_000_000_000;
    static final long MIN_EVERY_KM = 100;
    static final long MAX_EVERY_KM = 1_000_000;
    static final int MAX_EVERY_MONTHS = 240;
    static final LocalDate FIRST_SERVICE_DATE = LocalDate.of(FIRST_YEAR, 1, 1);

    private static final Pattern VIN_PATTERN = Pattern.compile(VIN);
    private static final Pattern PLATE_PATTERN = Pattern.compile(PLATE);

    private VehicleRules() {
    }

    static void requireValid(RegisterVehicleCommand command) {
        if (command.vin() == null || !VIN_PATTERN.matcher(command.vin()).matches()) {
            throw new RejectedException(Rejection.invalid(
                    "invalid_vin", "vin must be 17 upper-case letters and digits, without I, O and Q"));
        }
        requireValid(new VehicleDescription(command.plateNumber(), command.make(), command.model(),
                                                    command.year(), command.fuelType()));
        requireMileage(command.mileage());
    }

    static void requireValid(VehicleDescription description) {
        if (description.plateNumber() == null || !PLATE_PATTERN.matcher(description.plateNumber()).matches()) {
            throw invalidVehicle("plate_number must be 2 to 20 letters, digits, spaces or hyphens");
        }
        requireName("make", description.make());
        requireName("model", description.model());
        int latestYear = MaintenanceCalendar.today().getYear() + 1;
        if (description.year() < FIRST_YEAR || description.year() > latestYear) {
            throw invalidVehicle("year must be between " + FIRST_YEAR + " and " + latestYear);
        }
        if (description.fuelType() == null) {
            throw invalidVehicle("fuel_type is required");
        }
    }

    static void requireMileage(long mileage) {
        if (mileage < 0 || mileage > MAX_MILEAGE) {
            throw invalidVehicle("mileage must be between 0 and " + MAX_MILEAGE + " km");
        }
    }

    static void requireValid(MaintenanceDetails details) {
        if (details.serviceDate() == null || details.serviceDate().isBefore(FIRST_SERVICE_DATE)) {
            throw invalidMaintenance("service_date is required and not before " + FIRST_SERVICE_DATE);
        }
        if (details.serviceDate().isAfter(MaintenanceCalendar.today())) {
            throw new RejectedException(Rejection.invalid("service_date_in_future",
                                                          "service_date must not be in the future"));
        }
        if (details.mileage() < 0 || details.mileage() > MAX_MILEAGE) {
            throw invalidMaintenance("mileage must be between 0 and " + MAX_MILEAGE + " km");
        }
        if (details.type() == null) {
            throw invalidMaintenance("type is required");
        }
        if (details.description() != null && details.description().length() > MAX_DESCRIPTION) {
            throw invalidMaintenance("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (details.shop() != null && details.shop().length() > MAX_SHOP) {
            throw invalidMaintenance("shop must be at most " + MAX_SHOP + " characters");
        }
        if (details.parts().size() > MAX_PARTS) {
            throw invalidMaintenance("at most " + MAX_PARTS + " parts");
        }
        details.parts().forEach(VehicleRules::requireValid);
        if (details.labourCost() < 0 || details.labourCost() > MAX_LABOUR_COST) {
            throw invalidMaintenance("labour_cost must be between 0 and " + MAX_LABOUR_COST + " won");
        }
    }

    private static void requireValid(MaintenancePart part) {
        if (part == null || part.name() == null || part.name().isBlank() || part.name().length() > MAX_PART_NAME) {
            throw invalidMaintenance("every part needs a name of at most " + MAX_PART_NAME + " characters");
        }
        if (part.partNumber() != null && part.partNumber().length() > MAX_PART_NUMBER) {
            throw invalidMaintenance("part_number must be at most " + MAX_PART_NUMBER + " characters");
        }
        if (part.quantity() < 1 || part.quantity() > MAX_QUANTITY) {
            throw invalidMaintenance("quantity must be between 1 and " + MAX_QUANTITY);
        }
        if (part.unitCost() < 0 || part.unitCost() > MAX_UNIT_COST) {
            throw invalidMaintenance("unit_cost must be between 0 and " + MAX_UNIT_COST + " won");
        }
    }

    static void requireValidSchedule(List<MaintenanceRule> rules) {
        if (rules == null) {
            throw invalidSchedule("rules are required (an empty list clears the schedule)");
        }
        Set<MaintenanceType> types = EnumSet.noneOf(MaintenanceType.class);
        for (MaintenanceRule rule : rules) {
            if (rule == null || rule.type() == null) {
                throw invalidSchedule("every rule needs a type");
            }
            if (!types.add(rule.type())) {
                throw invalidSchedule("one rule per type: " + rule.type() + " appears twice");
            }
            if (rule.everyKm() == null && rule.everyMonths() == null) {
                throw invalidSchedule(rule.type() + " needs every_km, every_months or both");
            }
            if (rule.everyKm() != null && (rule.everyKm() < MIN_EVERY_KM || rule.everyKm() > MAX_EVERY_KM)) {
                throw invalidSchedule("every_km must be between " + MIN_EVERY_KM + " and " + MAX_EVERY_KM);
            }
            if (rule.everyMonths() != null && (rule.everyMonths() < 1 || rule.everyMonths() > MAX_EVERY_MONTHS)) {
                throw invalidSchedule("every_months must be between 1 and " + MAX_EVERY_MONTHS);
            }
        }
    }

    static void requireNoDecrease(long recorded, long reading) {
        if (reading < recorded) {
            throw new RejectedException(Rejection.conflict(
                    "mileage_decrease", "mileage " + reading + " is lower than the recorded " + recorded));
        }
    }

    /** Odometer readings only grow over time: a service cannot show more than a later one, or less than an earlier. */
    static void requireConsistentOdometer(Map<String, MaintenanceDetails> records, String recordId,
                                          MaintenanceDetails details) {
        records.forEach((otherId, other) -> {
            boolean earlierButHigher = other.serviceDate().isBefore(details.serviceDate())
                                       && other.mileage() > details.mileage();
            boolean laterButLower = other.serviceDate().isAfter(details.serviceDate())
                                    && other.mileage() < details.mileage();
            if (!otherId.equals(recordId) && (earlierButHigher || laterButLower)) {
                throw new RejectedException(Rejection.conflict(
                        "mileage_inconsistent",
                        "mileage " + details.mileage() + " on " + details.serviceDate() + " contradicts the "
                        + other.mileage() + " km recorded on " + other.serviceDate()));
            }
        });
    }

    private static void requireName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            throw invalidVehicle(field + " must not be blank and at most " + MAX_NAME + " characters");
        }
    }

    private static RejectedException invalidVehicle(String detail) {
        return new RejectedException(Rejection.invalid("invalid_vehicle", detail));
    }

    private static RejectedException invalidMaintenance(String detail) {
        return new RejectedException(Rejection.invalid("invalid_maintenance", detail));
    }

    private static RejectedException invalidSchedule(String detail) {
        return new RejectedException(Rejection.invalid("invalid_schedule", detail));
    }
}
