package io.tandem.command.vehicle;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import io.tandem.api.vehicle.DueReason;
import io.tandem.api.vehicle.MaintenanceCalendar;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceRule.DuePoint;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleCommands.ChangeVehicleDetailsCommand;
import io.tandem.api.vehicle.VehicleCommands.DeleteMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.DeleteVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.LogMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.RegisterVehicleCommand;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's vehicle with its maintenance records and schedule. Records live inside the vehicle because what is due
 * next depends on all of them together with the odometer and the schedule: one aggregate decides it consistently.
 * <p>
 * When maintenance falls due is decided by {@link MaintenanceDue}; each due point notifies once ({@link #notified}).
 * <p>
 * VIN, plate and records are the owner's personal data, in snapshots as in events: once the owner is erased they
 * read as null, and the vehicle is deleted ({@code VehicleErasure}).
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class Vehicle {

    static final String DUE_DEADLINE = "maintenance-due";

    @AggregateIdentifier
    private String vehicleId;
    @DataSubject
    private String ownerId;
    @PersonalData
    private String vin;
    @PersonalData
    private VehicleDescription description;
    private long mileage;
    private LocalDate registeredOn;
    private long registrationMileage;
    private boolean deleted;
    private Map<MaintenanceType, MaintenanceRule> rules;
    @PersonalData
    private Map<String, MaintenanceDetails> records;
    private Map<MaintenanceType, DuePoint> notified;

    Vehicle() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Registrations are handled by {@link VehicleRegistration}, which first claims the VIN. */
    static Vehicle register(RegisterVehicleCommand command) {
        VehicleRules.requireValid(command);
        Vehicle vehicle = new Vehicle();
        apply(new VehicleRegisteredEvent(command.vehicleId(), command.ownerId(), command.vin(),
                                         command.plateNumber(), command.make(), command.model(), command.year(),
                                         command.fuelType(), command.mileage(), MaintenanceCalendar.today()));
        return vehicle;
    }

    @CommandHandler
    void handle(ChangeVehicleDetailsCommand command) {
        requireOwner(command.requestedBy());
        VehicleDescription changed = description.with(command);
        VehicleRules.requireValid(changed);
        if (!changed.equals(description)) {
            apply(new VehicleDetailsChangedEvent(vehicleId, ownerId, changed.plateNumber(), changed.make(),
                                                 changed.model(), changed.year(), changed.fuelType()));
        }
    }

    @CommandHandler
    void handle(UpdateMileageCommand command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        VehicleRules.requireMileage(command.mileage());
        VehicleRules.requireNoDecrease(mileage, command.mileage());
        if (command.mileage() > mileage) {
            Map<MaintenanceType, DuePoint> before = duePoints();
            apply(new VehicleMileageUpdatedEvent(vehicleId, ownerId, command.mileage()));
            checkDue(before, deadlines);
        }
    }

    /**
     * Called by {@link VehicleRegistration}, which frees the VIN. The owner's erasure deletes the vehicle after its
     * VIN stopped decrypting, so here only ownership counts.
     */
    void delete(DeleteVehicleCommand command) {
        if (deleted || !command.requestedBy().equals(ownerId)) {
            throw vehicleNotFound();
        }
        apply(new VehicleDeletedEvent(vehicleId, ownerId, vin));
    }

    @CommandHandler
    void handle(SetMaintenanceScheduleCommand command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        VehicleRules.requireValidSchedule(command.rules());
        Map<MaintenanceType, DuePoint> before = duePoints();
        apply(new MaintenanceScheduleSetEvent(vehicleId, ownerId, command.rules()));
        checkDue(before, deadlines);
    }

    /** Called by {@link MaintenanceLogging}, which files the record under this vehicle in the same unit of work. */
    void log(LogMaintenanceCommand command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        MaintenanceDetails details = command.details();
        VehicleRules.requireValid(details);
        VehicleRules.requireConsistentOdometer(records, command.recordId(), details);
        Map<MaintenanceType, DuePoint> before = duePoints();
        apply(new MaintenanceLoggedEvent(vehicleId, ownerId, command.recordId(), details));
        raiseMileageTo(details.mileage());
        checkDue(before, deadlines);
    }

    @CommandHandler
    void handle(ReviseMaintenanceCommand command, DeadlineManager deadlines) {
        MaintenanceDetails current = ownRecord(command.recordId(), command.requestedBy());
        MaintenanceDetails revised = command.change().applyTo(current);
        VehicleRules.requireValid(revised);
        if (revised.equals(current)) {
            return;
        }
        VehicleRules.requireConsistentOdometer(records, command.recordId(), revised);
        Map<MaintenanceType, DuePoint> before = duePoints();
        apply(new MaintenanceRevisedEvent(vehicleId, ownerId, command.recordId(), revised));
        raiseMileageTo(revised.mileage());
        checkDue(before, deadlines);
    }

    @CommandHandler
    void handle(DeleteMaintenanceCommand command, DeadlineManager deadlines) {
        ownRecord(command.recordId(), command.requestedBy());
        Map<MaintenanceType, DuePoint> before = duePoints();
        apply(new MaintenanceDeletedEvent(vehicleId, ownerId, command.recordId()));
        checkDue(before, deadlines);
    }

    /** The due date of a rule came; a stale deadline (the due point moved since) does nothing. */
    @DeadlineHandler(deadlineName = DUE_DEADLINE)
    void dueDateReached(DuePoint scheduledFor) {
        if (deleted || vin == null) {
            return;
        }
        if (MaintenanceDue.stillDue(scheduledFor, duePoints(), notified)) {
            apply(due(scheduledFor, DueReason.DATE));
        }
    }

    private void raiseMileageTo(long reading) {
        if (reading > mileage) {
            apply(new VehicleMileageUpdatedEvent(vehicleId, ownerId, reading));
        }
    }

    /** Notifies the due points a change has reached and schedules deadlines for those it moved. */
    private void checkDue(Map<MaintenanceType, DuePoint> before, DeadlineManager deadlines) {
        MaintenanceDue.Check check = MaintenanceDue.check(before, duePoints(), notified, mileage,
                                                          MaintenanceCalendar.today());
        check.reached().forEach((point, reason) -> apply(due(point, reason)));
        check.deadlines().forEach(
                point -> deadlines.schedule(MaintenanceCalendar.dueAt(point.dueDate()), DUE_DEADLINE, point));
    }

    private MaintenanceDueEvent due(DuePoint point, DueReason reason) {
        return new MaintenanceDueEvent(vehicleId, ownerId, point.type(), reason, point.dueDate(), point.dueMileage());
    }

    Map<MaintenanceType, DuePoint> duePoints() {
        return MaintenanceDue.duePoints(rules.values(), records.values(), registeredOn, registrationMileage);
    }

    private void requireOwner(String requestedBy) {
        if (isGoneFor(requestedBy)) {
            throw vehicleNotFound();
        }
    }

    private static RejectedException vehicleNotFound() {
        return new RejectedException(Rejection.notFound("vehicle_not_found", "No such vehicle."));
    }

    /** Every vehicle has a VIN, so one that reads as null belongs to an erased owner: gone, as if deleted. */
    private boolean isGoneFor(String requestedBy) {
        return deleted || vin == null || !requestedBy.equals(ownerId);
    }

    private MaintenanceDetails ownRecord(String recordId, String requestedBy) {
        MaintenanceDetails record = isGoneFor(requestedBy) ? null : records.get(recordId);
        if (record == null) {
            throw new RejectedException(Rejection.notFound("maintenance_not_found", "No such maintenance record."));
        }
        return record;
    }

    String ownerId() {
        return ownerId;
    }

    long mileage() {
        return mileage;
    }

    @EventSourcingHandler
    void on(VehicleRegisteredEvent event) {
        vehicleId = event.vehicleId();
        ownerId = event.ownerId();
        vin = event.vin();
        description = VehicleDescription.of(event);
        mileage = event.mileage();
        registeredOn = event.registeredOn();
        registrationMileage = event.mileage();
        rules = new EnumMap<>(MaintenanceType.class);
        records = new HashMap<>();
        notified = new EnumMap<>(MaintenanceType.class);
    }

    @EventSourcingHandler
    void on(VehicleDetailsChangedEvent event) {
        description = VehicleDescription.of(event);
    }

    @EventSourcingHandler
    void on(VehicleMileageUpdatedEvent event) {
        mileage = event.mileage();
    }

    @EventSourcingHandler
    void on(VehicleDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(MaintenanceScheduleSetEvent event) {
        rules.clear();
        event.rules().forEach(rule -> rules.put(rule.type(), rule));
    }

    @EventSourcingHandler
    void on(MaintenanceLoggedEvent event) {
        keep(event.recordId(), event.details());
    }

    @EventSourcingHandler
    void on(MaintenanceRevisedEvent event) {
        keep(event.recordId(), event.details());
    }

    @EventSourcingHandler
    void on(MaintenanceDeletedEvent event) {
        keep(event.recordId(), null);
    }

    /** Once the owner is erased, details (and a snapshot's whole map) read as null: nothing of them is kept. */
    private void keep(String recordId, MaintenanceDetails details) {
        if (records != null && details != null) {
            records.put(recordId, details);
        } else if (records != null) {
            records.remove(recordId);
        }
    }

    @EventSourcingHandler
    void on(MaintenanceDueEvent event) {
        notified.put(event.ruleType(), new DuePoint(event.ruleType(), event.dueDate(), event.dueMileage()));
    }
}
