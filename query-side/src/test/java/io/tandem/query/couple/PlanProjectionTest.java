package io.tandem.query.couple;

import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleEvents.PlanChangedEvent;
import io.tandem.api.couple.CoupleEvents.PlanDeletedEvent;
import io.tandem.api.couple.CoupleEvents.PlanScheduledEvent;
import io.tandem.api.couple.CoupleQueries.ListPlansQuery;
import io.tandem.api.couple.CoupleQueries.PlanPage;
import io.tandem.api.couple.CoupleQueries.PlanView;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The plans read model: events in, rows and query answers out, and a replay gives the same rows. */
class PlanProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();
    private static final Instant NOON = Instant.parse("2026-05-01T03:00:00Z");

    private final ActiveCouples couples = new ActiveCouples(JDBC, CoupleProjectionTest.SEOUL);
    private final PlanProjection projection = new PlanProjection(JDBC, couples);
    private final ProjectionHarness events = new ProjectionHarness(new CoupleProjection(JDBC, couples), projection);
    private final String partner = UUID.randomUUID().toString();
    private final String couple = UUID.randomUUID().toString();
    private final String dinner = UUID.randomUUID().toString();
    private final String movie = UUID.randomUUID().toString();
    private final String hike = UUID.randomUUID().toString();

    @BeforeEach
    void threePlansOneMovedOneDropped() {
        events.publish(couple, new CoupleLinkedEvent(couple, partner, UUID.randomUUID().toString(),
                                                     LocalDate.of(2025, 5, 1)));
        schedule(dinner, "Dinner", NOON.plus(Duration.ofDays(1)));
        schedule(movie, "Movie", NOON.plus(Duration.ofDays(2)));
        schedule(hike, "Hike", NOON.plus(Duration.ofDays(3)));
        events.publish(hike, new PlanChangedEvent(hike, couple, "Hike (earlier)", "Bukhansan", NOON, null, null));
        events.publish(movie, new PlanDeletedEvent(movie, couple));
    }

    @Test
    void plansComeInTimeOrderByPageAndByCursor() {
        PlanPage byPage = projection.handle(new ListPlansQuery(partner, PageRequest.of(0, null, 10)));
        assertThat(byPage.total()).isEqualTo(2);
        assertThat(byPage.items()).extracting(PlanView::title).containsExactly("Hike (earlier)", "Dinner");
        assertThat(byPage.items().get(0).place()).isEqualTo("Bukhansan");
        assertThat(byPage.items().get(0).time()).isEqualTo(NOON);

        PlanPage first = projection.handle(new ListPlansQuery(partner, PageRequest.cursorOnly(null, 1)));
        PlanPage second = projection.handle(new ListPlansQuery(partner, PageRequest.cursorOnly(first.nextCursor(), 1)));
        assertThat(first.items()).extracting(PlanView::id).containsExactly(hike);
        assertThat(second.items()).extracting(PlanView::id).containsExactly(dinner);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        List<Map<String, Object>> before = rows();

        events.redeliver(3);
        events.redeliver(4);
        assertThat(rows()).as("the scheduled event again changes nothing").isEqualTo(before);
        events.replay();
        assertThat(rows()).isEqualTo(before);
    }

    private void schedule(String id, String title, Instant time) {
        events.publish(id, new PlanScheduledEvent(id, couple, title, "Seoul", time, time.minus(Duration.ofHours(1)),
                                                  "reminder-" + id, partner));
    }

    private List<Map<String, Object>> rows() {
        return JDBC.sql("SELECT * FROM couple_plan WHERE couple_id = :id ORDER BY plan_id")
                   .param("id", couple).query().listOfRows();
    }
}
