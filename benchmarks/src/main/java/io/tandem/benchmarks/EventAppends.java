package io.tandem.benchmarks;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.vehicle.FuelType;
import io.tandem.api.vehicle.VehicleCommands.RegisterVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.UpdateMileageCommand;
import io.tandem.platform.consistency.ReadYourWrites;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The event store's own pace, in the application's JVM: a trivial command (a vehicle's new odometer reading, one
 * event, no other table) sent through the command gateway from a number of threads, each on its own vehicle, and
 * the lag from such a command's commit until the {@code vehicles} read model shows it, as a write endpoint waiting
 * for it ({@link ReadYourWrites}) sees it.
 */
final class EventAppends {

    private static final String VIN_CHARACTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;
    private final List<String> vehicles = new ArrayList<>();
    private final AtomicLongArray mileage;

    /** Appends per second from {@code threads} threads. */
    record Appends(int threads, int count, long wallNanos) {

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** Commit-to-read-model lags, sorted, with {@code threads} threads writing and waiting at once. */
    record Lags(int threads, long[] nanos) {
    }

    EventAppends(ConfigurableApplicationContext context, int vehicleCount) {
        this.commands = context.getBean(CommandGateway.class);
        this.readYourWrites = context.getBean(ReadYourWrites.class);
        this.mileage = new AtomicLongArray(vehicleCount);
        for (int i = 0; i < vehicleCount; i++) {
            String vehicleId = UUID.randomUUID().toString();
            commands.sendAndWait(new RegisterVehicleCommand(vehicleId, owner(i), vin(), "12가" + (1000 + i), "Kia",
                                                            "Ray", 2022, FuelType.ELECTRIC, 0));
            vehicles.add(vehicleId);
        }
    }

    /** Mileage updates from each thread on its own vehicle, without waiting for the read model. */
    Appends append(int threads, int count) {
        long wall = Parallel.run("append", threads, count, thread -> thread, (thread, i) -> commands.sendAndWait(
                nextReading(thread)));
        return new Appends(threads, count, wall);
    }

    /**
     * Waits until the vehicles read model has handled every reading appended so far, so that the lag measured next
     * is a reading's own and not the wait behind the backlog the appends left.
     */
    void settle(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!readYourWrites.catchUp(ReadModels.VEHICLES)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the vehicles read model did not catch up within " + atMost);
            }
        }
    }

    /** Mileage updates that each wait until the read model shows them; the lag is from the commit on. */
    Lags lag(int threads, int count) {
        long[] nanos = new long[count];
        Parallel.run("lag", threads, count, thread -> thread, (thread, i) -> {
            long[] committed = new long[1];
            boolean shown = readYourWrites.write(() -> {
                commands.sendAndWait(nextReading(thread));
                committed[0] = System.nanoTime();
            }, ReadModels.VEHICLES);
            nanos[i] = System.nanoTime() - committed[0];
            if (!shown) {
                throw new IllegalStateException("the vehicles read model did not show a reading in time");
            }
        });
        Arrays.sort(nanos);
        return new Lags(threads, nanos);
    }

    private UpdateMileageCommand nextReading(int vehicle) {
        return new UpdateMileageCommand(vehicles.get(vehicle), owner(vehicle), mileage.incrementAndGet(vehicle));
    }

    private static String owner(int vehicle) {
        return "benchmark-owner-" + vehicle;
    }

    private static String vin() {
        StringBuilder vin = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_CHARACTERS.charAt((int) (Math.random() * VIN_CHARACTERS.length())));
        }
        return vin.toString();
    }
}
