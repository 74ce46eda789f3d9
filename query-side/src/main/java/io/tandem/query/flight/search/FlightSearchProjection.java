package io.tandem.query.flight.search;

import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountRule;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.PromotionCreatedEvent;
import io.tandem.api.flight.FlightEvents.PromotionDeletedEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import io.tandem.api.flight.FlightSearchQueries.WatchScheduleSearchabilityQuery;
import io.tandem.query.flight.search.SearchTables.AirportRow;
import io.tandem.query.flight.search.SearchTables.ScheduleRow;
import io.tandem.query.flight.search.SearchVersions.IndexState;
import io.tandem.platform.pipeline.DeadLetterProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Elasticsearch document per schedule, priced with the best discount ({@link DiscountRule#bestFare}) for the
 * schedule's local departure date at its origin.
 * <p>
 * Handlers only change this group's own tables and note which schedules changed. Once per batch, before the batch's
 * transaction (and token) commits, the noted schedules are rendered from those tables and written in one bulk
 * request: live events with refresh=wait_for, so the committed token means "searchable" ({@link SearchProgress}),
 * replayed ones without. A failing request fails the batch, which the processor retries (handlers are idempotent);
 * a document the index refuses parks the events that changed it ({@link RefusedSchedules}).
 * <p>
 * A reset ({@link #reset()}) builds a new index version beside the live one. Replayed events go to the new version
 * while readers stay on the alias' old index; the first live event after the replay, or {@link IndexSwitch} when
 * none comes, moves the alias and drops the old version. Watchers of searchability get their first answer from
 * {@link SearchabilityWatch} and the updates from here.
 */
@Component
@ProcessingGroup(FlightSearchConfiguration.PROCESSING_GROUP)
class FlightSearchProjection {

    private static final Logger log = LoggerFactory.getLogger(FlightSearchProjection.class);
    private static final String BATCH = FlightSearchProjection.class.getName() + ".batch";

    private final SearchVersions versions;
    private final SearchTables tables;
    private final PricingTables pricing;
    private final ScheduleDocuments documents;
    private final ScheduleIndex index;
    private final IndexSwitch indexSwitch;
    private final SearchProgress progress;
    private final QueryUpdateEmitter emitter;
    private final SearchResultCache cache;
    private final RefusedSchedules refusals;

    FlightSearchProjection(SearchVersions versions, SearchTables tables, PricingTables pricing,
                           ScheduleDocuments documents, ScheduleIndex index,
                           IndexSwitch indexSwitch, SearchProgress progress, QueryUpdateEmitter emitter,
                           SearchResultCache cache, RefusedSchedules refusals) {
        this.versions = versions;
        this.tables = tables;
        this.pricing = pricing;
        this.documents = documents;
        this.index = index;
        this.indexSwitch = indexSwitch;
        this.progress = progress;
        this.emitter = emitter;
        this.cache = cache;
        this.refusals = refusals;
    }

    @EventHandler
    void on(AirportRegisteredEvent event, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        int version = batch.version();
        tables.upsertAirport(version, event);
        ZoneId zone = SearchTables.zone(event.timeZone());
        for (ScheduleRow schedule : tables.schedulesAt(version, event.code())) {
            if (schedule.origin().equals(event.code())) {
                LocalDate localDate = schedule.departureAt().atZone(zone).toLocalDate();
                if (!localDate.equals(schedule.departureDate())) {
                    tables.setDepartureDate(version, schedule.scheduleId(), localDate);
                }
            }
            if (SearchTables.SCHEDULED.equals(schedule.status())) {
                batch.changed(schedule.scheduleId()); // names, local times and discounts by local date
            }
        }
    }

    @EventHandler
    void on(FlightScheduledEvent event, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        int version = batch.version();
        AirportRow origin = tables.airports(version, List.of(event.origin())).get(event.origin());
        ZoneId zone = origin != null ? origin.zone() : ZoneOffset.UTC;
        Map<Cabin, Integer> seats = event.seatsPerCabin() == null ? Map.of() : event.seatsPerCabin();
        tables.insertSchedule(version, new ScheduleRow(
                event.scheduleId(), event.flightId(), event.flightNumber(), event.airline(), event.origin(),
                event.destination(), DiscountRule.route(event.origin(), event.destination()), event.departureAt(),
                event.arrivalAt(), event.departureAt().atZone(zone).toLocalDate(),
                event.baseFares() == null ? Map.of() : event.baseFares(), seats, seats, SearchTables.SCHEDULED));
        batch.changed(event.scheduleId());
        batch.searchabilityChanged(event.scheduleId());
    }

    @EventHandler
    void on(ScheduleCancelledEvent event, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        tables.changeStatus(batch.version(), event.scheduleId(), SearchTables.SCHEDULED, SearchTables.CANCELLED);
        batch.changed(event.scheduleId());
        batch.searchabilityChanged(event.scheduleId());
    }

    @EventHandler
    void on(FlightRemovedEvent event, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        for (String scheduleId : tables.removeFlight(batch.version(), event.flightId())) {
            batch.changed(scheduleId);
            batch.searchabilityChanged(scheduleId);
        }
    }

    @EventHandler
    void on(DiscountCreatedEvent event, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        pricing.insertDiscount(batch.version(), event);
        tables.scheduledWithin(batch.version(), DiscountRule.of(event)).forEach(batch::changed);
    }

    @EventHandler
    void on(DiscountDeletedEvent event, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        pricing.deleteDiscount(batch.version(), event.discountId())
              .ifPresent(discount -> tables.scheduledWithin(batch.version(), discount).forEach(batch::changed));
    }

    @EventHandler
    void on(SeatReservedEvent event, ReplayStatus replay) {
        availableSeatsChangedBy(event.scheduleId(), event.cabin(), -1, replay);
    }

    @EventHandler
    void on(SeatReleasedEvent event, ReplayStatus replay) {
        availableSeatsChangedBy(event.scheduleId(), event.cabin(), 1, replay);
    }

    @EventHandler
    void on(PromotionCreatedEvent event, ReplayStatus replay) {
        pricing.upsertPromotion(batch(replay).version(), event);
    }

    @EventHandler
    void on(PromotionDeletedEvent event, ReplayStatus replay) {
        pricing.deletePromotion(batch(replay).version(), event.promotionId());
    }

    /**
     * For the seat events of booking: adds {@code delta} free seats (negative when taken) to one cabin of a schedule
     * and re-indexes it. Call it from an {@code @EventHandler} of this class (so it runs in this group's batches,
     * with its replay status), and name the event in {@link SearchCacheEvictor} so cached pages of the route go too.
     * Safe to apply once per event: the change and the token commit in the same transaction.
     */
    void availableSeatsChangedBy(String scheduleId, Cabin cabin, int delta, ReplayStatus replay) {
        SearchBatch batch = batch(replay);
        if (tables.changeAvailableSeats(batch.version(), scheduleId, cabin, delta)) {
            batch.changed(scheduleId);
        }
    }

    /**
     * Starts a new index version beside the live one; runs in the transaction that resets the tokens. Rows and
     * index of an earlier, unfinished rebuild are dropped.
     */
    @ResetHandler
    void reset() {
        IndexState state = versions.lockState();
        int next = Math.max(state.live(), state.building() == null ? 0 : state.building()) + 1;
        if (state.building() != null) {
            versions.deleteVersion(state.building());
            index.delete(state.building());
        }
        versions.deleteVersion(next);
        index.recreate(next);
        versions.startBuilding(next);
        log.info("Flight search rebuild started: version {} beside the live {}", next, state.live());
    }

    // --- the batch ---

    private SearchBatch batch(ReplayStatus replay) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("Flight search events are handled in a unit of work");
        }
        // a retried dead letter writes its own batch, so that a refusal keeps just that letter parked
        UnitOfWork<?> unitOfWork = DeadLetterProcessing.batchUnitOfWork();
        SearchBatch batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            SearchBatch started = new SearchBatch(versions.state());
            unitOfWork.onPrepareCommit(u -> {
                try {
                    flush(started);
                } catch (RuntimeException e) {
                    log.warn("Could not write {} schedule(s) to the search index; the batch will be retried",
                             started.changed.size(), e);
                    throw e;
                }
            });
            unitOfWork.afterCommit(u -> committed(started));
            return started;
        });
        batch.live |= replay == null || !replay.isReplay();
        batch.current = CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event ? event : null;
        if (DeadLetterProcessing.inProgress()) {
            return batch; // an old event: it says nothing about how far search has got, or about a replay's end
        }
        // the message's own token: a handler's TrackingToken parameter comes without the ReplayToken around it
        if (unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            batch.lastToken = tracked.trackingToken();
            batch.pastReplay |= WrappedToken.unwrap(tracked.trackingToken(), ReplayToken.class).isEmpty();
        }
        return batch;
    }

    private void flush(SearchBatch batch) {
        IndexState state = batch.state;
        int version = state.writeVersion();
        boolean building = state.building() != null;
        Set<String> routes = new LinkedHashSet<>();
        if (!batch.changed.isEmpty()) {
            index.ensure(version, !building);
            Map<String, ScheduleRow> rows = tables.schedules(version, batch.changed);
            List<ScheduleDocument> rendered = documents.render(version, rows.values());
            List<String> deletions = new ArrayList<>();
            for (String scheduleId : batch.changed) {
                ScheduleRow row = rows.get(scheduleId);
                if (row == null || !SearchTables.SCHEDULED.equals(row.status())) {
                    deletions.add(scheduleId);
                }
                if (row != null) {
                    routes.add(row.route());
                }
            }
            Map<String, String> refused = index.write(version, rendered, deletions, batch.live && !building);
            refusals.park(index.name(version), refused, batch.changedBy);
            batch.searchabilityChanged.removeAll(refused.keySet());
            log.debug("Indexed {} and removed {} schedule(s) in {} (live: {}, past replay: {}, token: {})",
                      rendered.size(), deletions.size(), index.name(version), batch.live, batch.pastReplay,
                      batch.lastToken);
        }
        boolean switching = building && batch.pastReplay;
        if (switching && !indexSwitch.finish(state)) {
            // an event past the reset position ends the replay, but IndexSwitch's watcher has just moved readers to
            // the rebuilt version: what this batch wrote there without waiting must become searchable now
            index.refresh(version);
        }
        if (batch.live && (!building || switching)) {
            // search shows the batch now. This node's cached pages go before watchers hear of it, so a writer that
            // waited for searchability reads its write here; other nodes evict in SearchCacheEvictor.
            routes.forEach(cache::evictRoute);
            for (String scheduleId : batch.searchabilityChanged) {
                // sent once the transaction commits
                emitter.emit(WatchScheduleSearchabilityQuery.class,
                             query -> query.scheduleIds() != null && query.scheduleIds().contains(scheduleId),
                             scheduleId);
            }
        }
    }

    private void committed(SearchBatch batch) {
        progress.indexedThrough(batch.lastToken);
        if (batch.pastReplay && batch.state.building() != null) {
            indexSwitch.dropOldIndices();
        }
    }
}
