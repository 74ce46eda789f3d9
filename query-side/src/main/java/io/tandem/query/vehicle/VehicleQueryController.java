package io.tandem.query.vehicle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.paging.PageRequest;
import io.tandem.api.vehicle.VehicleQueries.FindMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.FindScheduleQuery;
import io.tandem.api.vehicle.VehicleQueries.FindVehicleQuery;
import io.tandem.api.vehicle.VehicleQueries.ListMaintenanceQuery;
import io.tandem.api.vehicle.VehicleQueries.ListMyVehiclesQuery;
import io.tandem.api.vehicle.VehicleQueries.MaintenancePage;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceSummary;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceSummaryQuery;
import io.tandem.api.vehicle.VehicleQueries.MaintenanceView;
import io.tandem.api.vehicle.VehicleQueries.ScheduleView;
import io.tandem.api.vehicle.VehicleQueries.VehiclePage;
import io.tandem.api.vehicle.VehicleQueries.VehicleView;
import io.tandem.platform.security.CurrentUser;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Your vehicles and their maintenance. Someone else's vehicle or record answers 404, as an unknown one does;
 * admins may read any.
 */
@RestController
@Tag(name = "Vehicles")
class VehicleQueryController {

    static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final QueryGateway queries;

    VehicleQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/vehicles")
    @Operation(summary = "Your vehicles, newest first; page (with total) or cursor paging")
    VehiclePage mine(@RequestParam(required = false) Integer page, @RequestParam(required = false) String cursor,
                     @RequestParam(required = false) Integer size) {
        return queries.query(new ListMyVehiclesQuery(CurrentUser.id(), PageRequest.of(page, cursor, size)),
                             VehiclePage.class).join();
    }

    @GetMapping("/api/vehicles/{vehicle_id}")
    @Operation(summary = "One of your vehicles")
    VehicleView one(@PathVariable("vehicle_id") String vehicleId) {
        return queries.query(new FindVehicleQuery(requireVehicleId(vehicleId), reader()), VehicleView.class).join();
    }

    @GetMapping("/api/vehicles/{vehicle_id}/maintenance")
    @Operation(summary = "A vehicle's maintenance records, latest service first, with parts and totals in won")
    MaintenancePage maintenance(@PathVariable("vehicle_id") String vehicleId,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) Integer size) {
        return queries.query(new ListMaintenanceQuery(requireVehicleId(vehicleId), reader(),
                                                      PageRequest.of(page, cursor, size)),
                             MaintenancePage.class).join();
    }

    @GetMapping("/api/vehicles/{vehicle_id}/maintenance/summary")
    @Operation(summary = "Total cost per year (split by type) and per type, and when each scheduled item is next due")
    MaintenanceSummary summary(@PathVariable("vehicle_id") String vehicleId) {
        return queries.query(new MaintenanceSummaryQuery(requireVehicleId(vehicleId), reader()),
                             MaintenanceSummary.class).join();
    }

    @GetMapping("/api/vehicles/{vehicle_id}/schedule")
    @Operation(summary = "A vehicle's maintenance schedule and when each item is next due")
    ScheduleView schedule(@PathVariable("vehicle_id") String vehicleId) {
        return queries.query(new FindScheduleQuery(requireVehicleId(vehicleId), reader()), ScheduleView.class)
                      .join();
    }

    @GetMapping("/api/maintenance/{record_id}")
    @Operation(summary = "One maintenance record of one of your vehicles")
    MaintenanceView record(@PathVariable("record_id") String recordId) {
        if (!recordId.matches(ID)) {
            throw new RejectedException(Rejection.notFound("maintenance_not_found", "No such maintenance record."));
        }
        return queries.query(new FindMaintenanceQuery(recordId, reader()), MaintenanceView.class).join();
    }

    /** Admins read every vehicle; everyone else only their own. */
    private static String reader() {
        return CurrentUser.isAdmin() ? null : CurrentUser.id();
    }

    private static String requireVehicleId(String vehicleId) {
        if (!vehicleId.matches(ID)) {
            throw new RejectedException(Rejection.notFound("vehicle_not_found", "No such vehicle."));
        }
        return vehicleId;
    }
}
