package io.tandem.query.couple;

import io.tandem.api.couple.CoupleEvents.AnniversaryAddedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryChangedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryRemovedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleQueries.AnniversaryPage;
import io.tandem.api.couple.CoupleQueries.AnniversaryView;
import io.tandem.api.couple.CoupleQueries.ListAnniversariesQuery;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A couple's anniversaries, listed with the milestones counted from the day they started, soonest first. The
 * order depends on today, so the list is ordered in memory (a couple keeps tens of dates, not thousands) and a
 * cursor holds the sort key of the last item handed out. An ended couple's dates go: their titles no longer decrypt
 * (a title that reads as null is one of those, met on replay or by a lagging processor, and is skipped).
 */
@Component
@ProcessingGroup(CoupleProjection.PROCESSING_GROUP)
class AnniversaryProjection {

    private final JdbcClient jdbc;
    private final ActiveCouples couples;

    AnniversaryProjection(JdbcClient jdbc, ActiveCouples couples) {
        this.jdbc = jdbc;
        this.couples = couples;
    }

    @EventHandler
    void on(AnniversaryAddedEvent event, @SequenceNumber long sequence) {
        if (event.title() == null) {
            return;
        }
        jdbc.sql("""
                 INSERT INTO couple_anniversary (anniversary_id, couple_id, title, anniversary_date, yearly,
                                                 last_sequence)
                 VALUES (:id, :coupleId, :title, :date, :yearly, :sequence)
                 ON CONFLICT (anniversary_id) DO NOTHING
                 """)
            .param("id", event.anniversaryId())
            .param("coupleId", event.coupleId())
            .param("title", event.title())
            .param("date", event.date())
            .param("yearly", event.yearly())
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(AnniversaryChangedEvent event, @SequenceNumber long sequence) {
        if (event.title() == null) {
            return;
        }
        jdbc.sql("""
                 UPDATE couple_anniversary
                 SET title = :title, anniversary_date = :date, yearly = :yearly, last_sequence = :sequence
                 WHERE anniversary_id = :id AND last_sequence < :sequence
                 """)
            .param("title", event.title())
            .param("date", event.date())
            .param("yearly", event.yearly())
            .param("sequence", sequence)
            .param("id", event.anniversaryId())
            .update();
    }

    @EventHandler
    void on(AnniversaryRemovedEvent event) {
        jdbc.sql("DELETE FROM couple_anniversary WHERE anniversary_id = :id")
            .param("id", event.anniversaryId())
            .update();
    }

    @EventHandler
    void on(CoupleDisconnectedEvent event) {
        jdbc.sql("DELETE FROM couple_anniversary WHERE couple_id = :coupleId")
            .param("coupleId", event.coupleId())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM couple_anniversary").update();
    }

    @QueryHandler
    AnniversaryPage handle(ListAnniversariesQuery query) {
        String coupleId = couples.requireCoupleOf(query.userId());
        LocalDate today = couples.today();
        LocalDate startedOn = jdbc.sql("SELECT started_on FROM couple WHERE couple_id = :coupleId")
                                  .param("coupleId", coupleId)
                                  .query(LocalDate.class)
                                  .single();
        List<Sorted> all = new ArrayList<>();
        jdbc.sql("SELECT * FROM couple_anniversary WHERE couple_id = :coupleId")
            .param("coupleId", coupleId)
            .query((rs, row) -> AnniversaryDates.view(rs.getString("anniversary_id"), rs.getString("title"),
                                                     rs.getObject("anniversary_date", LocalDate.class),
                                                     rs.getBoolean("yearly"), today))
            .list()
            .forEach(view -> all.add(Sorted.of(view)));
        AnniversaryDates.milestones(startedOn, today).forEach(view -> all.add(Sorted.of(view)));
        all.sort(Sorted.ORDER);
        return page(all, query.page());
    }

    private static AnniversaryPage page(List<Sorted> all, PageRequest request) {
        if (request.byPage()) {
            List<AnniversaryView> items = all.stream().skip(request.offset()).limit(request.size())
                                             .map(Sorted::view).toList();
            return new AnniversaryPage(items, (long) all.size(), request.page(), request.size(), null);
        }
        Cursor after = request.after(3);
        Sorted last = after == null ? null
                                    : new Sorted(after.integer(0), after.number(1), after.value(2), null);
        List<Sorted> rest = all.stream().filter(item -> last == null || Sorted.ORDER.compare(item, last) > 0)
                               .limit(request.probeSize()).toList();
        List<Sorted> slice = rest.stream().limit(request.size()).toList();
        String next = rest.size() > request.size() ? slice.get(slice.size() - 1).cursor() : null;
        return new AnniversaryPage(slice.stream().map(Sorted::view).toList(), null, null, request.size(), next);
    }

    /**
     * Dates still ahead (today included) come first, soonest first; one-off dates already past follow, latest
     * first. Ties keep milestones before the couple's own dates.
     */
    private record Sorted(int group, long key, String tieBreak, AnniversaryView view) {

        static final Comparator<Sorted> ORDER = Comparator.comparingInt(Sorted::group)
                                                          .thenComparingLong(Sorted::key)
                                                          .thenComparing(Sorted::tieBreak);

        static Sorted of(AnniversaryView view) {
            boolean ahead = view.dDay() >= 0;
            return new Sorted(ahead ? 0 : 1, ahead ? view.nextDate().toEpochDay() : -view.nextDate().toEpochDay(),
                              view.milestone() ? "0/" + view.title() : "1/" + view.id(), view);
        }

        String cursor() {
            return Cursor.of(group, key, tieBreak).encode();
        }
    }
}
