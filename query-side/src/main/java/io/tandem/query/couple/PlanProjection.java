package io.tandem.query.couple;

import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.PlanChangedEvent;
import io.tandem.api.couple.CoupleEvents.PlanDeletedEvent;
import io.tandem.api.couple.CoupleEvents.PlanScheduledEvent;
import io.tandem.api.couple.CoupleQueries.ListPlansQuery;
import io.tandem.api.couple.CoupleQueries.PlanPage;
import io.tandem.api.couple.CoupleQueries.PlanView;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * A couple's plans in time order, by page or by keyset cursor on (time, id). An ended couple's plans go: their titles
 * no longer decrypt (a title that reads as null is one of those, met on replay or by a lagging processor, and is
 * skipped).
 */
@Component
@ProcessingGroup(CoupleProjection.PROCESSING_GROUP)
class PlanProjection {

    private static final RowMapper<PlanView> VIEW = (rs, row) -> new PlanView(
            rs.getString("plan_id"), rs.getString("title"), rs.getString("place"),
            instant(rs, "plan_time"), rs.getString("created_by"));

    private final JdbcClient jdbc;
    private final ActiveCouples couples;

    PlanProjection(JdbcClient jdbc, ActiveCouples couples) {
        this.jdbc = jdbc;
        this.couples = couples;
    }

    @EventHandler
    void on(PlanScheduledEvent event, @SequenceNumber long sequence) {
        if (event.title() == null) {
            return;
        }
        jdbc.sql("""
                 INSERT INTO couple_plan (plan_id, couple_id, title, place, plan_time, created_by, last_sequence)
                 VALUES (:id, :coupleId, :title, :place, :time, :createdBy, :sequence)
                 ON CONFLICT (plan_id) DO NOTHING
                 """)
            .param("id", event.planId())
            .param("coupleId", event.coupleId())
            .param("title", event.title())
            .param("place", event.place())
            .param("time", utc(event.time()))
            .param("createdBy", event.addedBy())
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(PlanChangedEvent event, @SequenceNumber long sequence) {
        if (event.title() == null) {
            return;
        }
        jdbc.sql("""
                 UPDATE couple_plan SET title = :title, place = :place, plan_time = :time, last_sequence = :sequence
                 WHERE plan_id = :id AND last_sequence < :sequence
                 """)
            .param("title", event.title())
            .param("place", event.place())
            .param("time", utc(event.time()))
            .param("sequence", sequence)
            .param("id", event.planId())
            .update();
    }

    @EventHandler
    void on(PlanDeletedEvent event) {
        jdbc.sql("DELETE FROM couple_plan WHERE plan_id = :id").param("id", event.planId()).update();
    }

    @EventHandler
    void on(CoupleDisconnectedEvent event) {
        jdbc.sql("DELETE FROM couple_plan WHERE couple_id = :coupleId").param("coupleId", event.coupleId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM couple_plan").update();
    }

    @QueryHandler
    PlanPage handle(ListPlansQuery query) {
        String coupleId = couples.requireCoupleOf(query.userId());
        PageRequest request = query.page();
        if (request.byPage()) {
            long total = jdbc.sql("SELECT count(*) FROM couple_plan WHERE couple_id = :coupleId")
                             .param("coupleId", coupleId)
                             .query(Long.class)
                             .single();
            List<PlanView> items = jdbc.sql("""
                                            SELECT * FROM couple_plan WHERE couple_id = :coupleId
                                            ORDER BY plan_time, plan_id LIMIT :size OFFSET :offset
                                            """)
                                       .param("coupleId", coupleId)
                                       .param("size", request.size())
                                       .param("offset", request.offset())
                                       .query(VIEW)
                                       .list();
            return new PlanPage(items, total, request.page(), request.size(), null);
        }
        Cursor after = request.after(2);
        Instant afterTime = after == null ? null : after.instant(0);
        List<PlanView> rest = jdbc.sql("""
                                       SELECT * FROM couple_plan WHERE couple_id = :coupleId
                                         AND (CAST(:afterTime AS TIMESTAMPTZ) IS NULL
                                              OR (plan_time, plan_id) > (:afterTime, :afterId))
                                       ORDER BY plan_time, plan_id LIMIT :limit
                                       """)
                                  .param("coupleId", coupleId)
                                  .param("afterTime", afterTime == null ? null : utc(afterTime))
                                  .param("afterId", after == null ? "" : after.value(1))
                                  .param("limit", request.probeSize())
                                  .query(VIEW)
                                  .list();
        List<PlanView> slice = rest.stream().limit(request.size()).toList();
        String next = rest.size() > request.size()
                ? Cursor.of(slice.get(slice.size() - 1).time(), slice.get(slice.size() - 1).id()).encode() : null;
        return new PlanPage(slice, null, null, request.size(), next);
    }
}
