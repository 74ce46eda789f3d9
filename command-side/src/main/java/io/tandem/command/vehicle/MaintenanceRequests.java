package io.tandem.command.vehicle;

import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenancePart;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleCommands.MaintenanceChange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** The JSON bodies of maintenance records, with the limits of {@link VehicleRules} field by field. */
final class MaintenanceRequests {

    private MaintenanceRequests() {
    }

    /** A missing labour cost is 0 (parts only); a missing part list means no parts. */
    record MaintenanceRequest(@NotNull LocalDate serviceDate,
                              @NotNull @Min(0) @Max(VehicleRules.MAX_MILEAGE) Long mileage,
                              @NotNull MaintenanceType type,
                              @Size(max = VehicleRules.MAX_DESCRIPTION) String description,
                              @Size(max = VehicleRules.MAX_SHOP) String shop,
                              @Size(max = VehicleRules.MAX_PARTS) List<@NotNull @Valid PartRequest> parts,
                              @Min(0) @Max(VehicleRules.MAX_LABOUR_COST) Long labourCost) {

        MaintenanceDetails toDetails() {
            return new MaintenanceDetails(serviceDate, mileage, type, VehicleController.strip(description),
                                          VehicleController.strip(shop), PartRequest.toParts(parts),
                                          labourCost == null ? 0 : labourCost);
        }
    }

    /** Absent fields stay as they are; a part list replaces all parts. */
    record MaintenanceChangeRequest(LocalDate serviceDate,
                                    @Min(0) @Max(VehicleRules.MAX_MILEAGE) Long mileage,
                                    MaintenanceType type,
                                    @Size(max = VehicleRules.MAX_DESCRIPTION) String description,
                                    @Size(max = VehicleRules.MAX_SHOP) String shop,
                                    @Size(max = VehicleRules.MAX_PARTS) List<@NotNull @Valid PartRequest> parts,
                                    @Min(0) @Max(VehicleRules.MAX_LABOUR_COST) Long labourCost) {

        @AssertTrue(message = "give at least one field to change")
        boolean isAnyChange() {
            return serviceDate != null || mileage != null || type != null || description != null || shop != null
                   || parts != null || labourCost != null;
        }

        MaintenanceChange toChange() {
            return new MaintenanceChange(serviceDate, mileage, type, VehicleController.strip(description),
                                         VehicleController.strip(shop),
                                         parts == null ? null : PartRequest.toParts(parts), labourCost);
        }
    }

    record PartRequest(@NotBlank @Size(max = VehicleRules.MAX_PART_NAME) String name,
                       @Size(max = VehicleRules.MAX_PART_NUMBER) String partNumber,
                       @NotNull @Min(1) @Max(VehicleRules.MAX_QUANTITY) Integer quantity,
                       @NotNull @Min(0) @Max(VehicleRules.MAX_UNIT_COST) Long unitCost) {

        static List<MaintenancePart> toParts(List<PartRequest> parts) {
            return parts == null ? List.of() : parts.stream()
                                                    .map(part -> new MaintenancePart(
                                                            part.name().strip(), VehicleController.strip(
                                                                    part.partNumber()),
                                                            part.quantity(), part.unitCost()))
                                                    .toList();
        }
    }
}
