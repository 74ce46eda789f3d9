package io.tandem.api.flight;

import java.util.Set;

public final class FlightSearchQueries {

    private FlightSearchQueries() {
    }

    /**
     * Lets a writer read its own write: the initial result lists which of the schedules search already returns,
     * and each update names one more schedule as it becomes searchable (or leaves search, once cancelled).
     */
    public record WatchScheduleSearchabilityQuery(Set<String> scheduleIds) {
    }
}
