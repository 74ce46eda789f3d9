package io.tandem.command.flight;

import io.tandem.api.flight.FlightSearchQueries.WatchScheduleSearchabilityQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-own-write for admins: subscribes to the search side's view of some schedules before they are created,
 * then waits (briefly) until search returns every one of them. The answer says whether that happened in time.
 */
@Component
class SearchVisibility {

    private static final Logger log = LoggerFactory.getLogger(SearchVisibility.class);

    private final QueryGateway queries;
    private final Duration patience;

    SearchVisibility(QueryGateway queries, @Value("${tandem.flights.searchable-wait:5s}") Duration patience) {
        this.queries = queries;
        this.patience = patience;
    }

    boolean awaitSearchable(Collection<String> scheduleIds, Runnable write) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(scheduleIds);
        SubscriptionQueryResult<List<String>, String> watch;
        try {
            watch = queries.subscriptionQuery(new WatchScheduleSearchabilityQuery(Set.copyOf(scheduleIds)),
                                              ResponseTypes.multipleInstancesOf(String.class),
                                              ResponseTypes.instanceOf(String.class));
        } catch (RuntimeException searchUnavailable) {
            log.warn("Cannot watch search for new schedules; answering without waiting", searchUnavailable);
            write.run();
            return false;
        }
        try (watch) {
            write.run();
            Boolean allVisible = watch.initialResult()
                                      .map(visible -> {
                                          pending.removeAll(visible);
                                          return pending.isEmpty();
                                      })
                                      .flatMap(done -> done ? Mono.just(true)
                                                            : watch.updates()
                                                                   .doOnNext(pending::remove)
                                                                   .any(visible -> pending.isEmpty()))
                                      .timeout(patience)
                                      .onErrorReturn(false)
                                      .block();
            return Boolean.TRUE.equals(allVisible);
        }
    }
}
