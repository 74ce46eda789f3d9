package io.tandem.query.flight.search;

import io.tandem.api.flight.FlightSearchQueries.WatchScheduleSearchabilityQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * The first answer to a watcher of searchability: which of its schedules search returns now. The updates follow from
 * {@link FlightSearchProjection}, each the id of one of them whose document was just written (it became searchable)
 * or deleted (it left search), as the query's contract describes.
 */
@Component
class SearchabilityWatch {

    private final ScheduleSearch search;

    SearchabilityWatch(ScheduleSearch search) {
        this.search = search;
    }

    @QueryHandler
    List<String> handle(WatchScheduleSearchabilityQuery query) {
        return search.searchable(query.scheduleIds() == null ? Set.of() : query.scheduleIds()).stream().sorted()
                     .toList();
    }
}
