package io.tandem.query.vehicle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.paging.PageRequest;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleQueries.MaintenancePage;
import io.tandem.api.vehicle.VehicleQueries.SearchMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.SearchVehiclesQuery;
import io.tandem.api.vehicle.VehicleQueries.VehiclePage;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;

/** Every vehicle and maintenance record, for admins. */
@RestController
@Tag(name = "Admin: vehicles")
class VehicleAdminQueryController {

    private final QueryGateway queries;

    VehicleAdminQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/admin/vehicles")
    @Operation(summary = "Vehicles newest first, by VIN (or its beginning), plate (or part of it, spaces and hyphens "
                         + "ignored) and owner (user id or email); deleted ones only when asked")
    VehiclePage vehicles(
            @Parameter(example = "KMHD341")
            @RequestParam(required = false)
            @Pattern(regexp = "(?i)[A-HJ-NPR-Z0-9]{1,17}", message = "must be (the beginning of) a VIN") String vin,
            @Parameter(example = "12가3456")
            @RequestParam(required = false)
            @Pattern(regexp = "[\\p{L}\\p{Nd} -]{1,20}", message = "must be letters, digits, spaces or hyphens")
            String plate,
            @RequestParam(required = false) @Size(min = 1, max = 320) String owner,
            @RequestParam(name = "include_deleted", defaultValue = "false") boolean includeDeleted,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        return queries.query(new SearchVehiclesQuery(vin == null ? null : vin.toUpperCase(Locale.ROOT), plate,
                                                     owner == null ? null : owner.strip(), includeDeleted,
                                                     PageRequest.of(page, cursor, size)),
                             VehiclePage.class).join();
    }

    @GetMapping("/api/admin/maintenance")
    @Operation(summary = "Maintenance records of live vehicles, latest service first, by type and service date range "
                         + "(both ends included)")
    MaintenancePage maintenance(
            @Parameter(description = "OIL_CHANGE, TYRES, BRAKES, INSPECTION, REPAIR or OTHER")
            @RequestParam(required = false) MaintenanceType type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new RejectedException(Rejection.invalid("invalid_range", "to must not be before from"));
        }
        return queries.query(new SearchMaintenanceQuery(type, from, to, PageRequest.of(page, cursor, size)),
                             MaintenancePage.class).join();
    }
}
