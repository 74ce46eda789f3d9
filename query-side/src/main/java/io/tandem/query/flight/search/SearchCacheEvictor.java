package io.tandem.query.flight.search;

import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.flight.DiscountRule;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Evicts this node's cached search pages when an event changes them. Every node runs its own copy of this processor
 * ({@link FlightSearchConfiguration#flightSearchCacheProcessor()}: tokens in memory, from the head of the stream).
 * <p>
 * Evicting as soon as the event arrives would be too early: the flight-search projection may not have indexed it
 * yet, and a search in between would cache the old page again. So each handler first waits until search shows the
 * event ({@link SearchProgress}), then evicts the routes it touched; a search that ran across the eviction does
 * not store its page ({@link SearchResultCache}).
 */
@Component
@ProcessingGroup(FlightSearchConfiguration.CACHE_PROCESSING_GROUP)
class SearchCacheEvictor {

    private static final Logger log = LoggerFactory.getLogger(SearchCacheEvictor.class);

    private final SearchResultCache cache;
    private final SearchProgress progress;
    private final SearchTables tables;
    private final SearchVersions versions;
    private final SearchAirports airports;
    private final Duration maxWait;

    SearchCacheEvictor(SearchResultCache cache, SearchProgress progress, SearchTables tables,
                       SearchVersions versions, SearchAirports airports,
                       @Value("${tandem.search.eviction-max-wait:20s}") Duration maxWait) {
        this.cache = cache;
        this.progress = progress;
        this.tables = tables;
        this.versions = versions;
        this.airports = airports;
        this.maxWait = maxWait;
    }

    @EventHandler
    void on(FlightScheduledEvent event, TrackingToken token) {
        afterSearchable(token, "schedule " + event.scheduleId());
        cache.evictRoute(DiscountRule.route(event.origin(), event.destination()));
    }

    @EventHandler
    void on(ScheduleCancelledEvent event, TrackingToken token) {
        afterSearchable(token, "cancellation of " + event.scheduleId());
        evictRouteOf(event.scheduleId());
    }

    @EventHandler
    void on(SeatReservedEvent event, TrackingToken token) {
        seatsChanged(event.scheduleId(), token);
    }

    @EventHandler
    void on(SeatReleasedEvent event, TrackingToken token) {
        seatsChanged(event.scheduleId(), token);
    }

    @EventHandler
    void on(FlightRemovedEvent event, TrackingToken token) {
        afterSearchable(token, "removal of flight " + event.flightId());
        evictRoutes(tables.routesOfFlights(versions.state().live(), List.of(event.flightId())));
    }

    @EventHandler
    void on(DiscountCreatedEvent event, TrackingToken token) {
        afterSearchable(token, "discount " + event.discountId());
        DiscountRule discount = DiscountRule.of(event);
        if (discount.routes().isEmpty() && discount.flightIds().isEmpty()) {
            cache.evictAll();
            return;
        }
        Set<String> routes = new LinkedHashSet<>(discount.routes());
        routes.addAll(tables.routesOfFlights(versions.state().live(), discount.flightIds()));
        evictRoutes(routes);
    }

    @EventHandler
    void on(DiscountDeletedEvent event, TrackingToken token) {
        // the discount's scope is gone with it by now: every route may have had it
        afterSearchable(token, "deletion of discount " + event.discountId());
        cache.evictAll();
    }

    @EventHandler
    void on(AirportRegisteredEvent event, TrackingToken token) {
        afterSearchable(token, "airport " + event.code());
        airports.invalidate();
        cache.evictAll();
    }

    /** For booking's seat events: evicts the pages of the schedule's route once search shows the change. */
    void seatsChanged(String scheduleId, TrackingToken token) {
        afterSearchable(token, "seats of " + scheduleId);
        evictRouteOf(scheduleId);
    }

    private void afterSearchable(TrackingToken token, String what) {
        if (!progress.awaitSearchable(token, maxWait)) {
            log.warn("Search did not show the {} within {}; evicting cached results anyway", what, maxWait);
        }
    }

    private void evictRouteOf(String scheduleId) {
        tables.routeOfSchedule(versions.state().live(), scheduleId)
              .ifPresentOrElse(cache::evictRoute, cache::evictAll);
    }

    private void evictRoutes(Iterable<String> routes) {
        routes.forEach(cache::evictRoute);
    }
}
