package io.tandem.query.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleEvents.CalendarEntryAddedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryChangedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryRemovedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleQueries.CalendarEntryView;
import io.tandem.api.couple.CoupleQueries.CalendarImage;
import io.tandem.api.couple.CoupleQueries.CalendarPage;
import io.tandem.api.couple.CoupleQueries.ListCalendarEntriesQuery;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.ProjectionHarness;
import io.tandem.query.file.TestFileGrants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar read model and its photo grants: events in, rows, grants and query answers out, and a replay gives
 * the same rows and grants.
 */
class CalendarProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();
    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    private final ActiveCouples couples = new ActiveCouples(JDBC, CoupleProjectionTest.SEOUL);
    private final CalendarProjection projection = new CalendarProjection(JDBC, couples, TestFileGrants.over(JDBC));
    private final ProjectionHarness events = new ProjectionHarness(new CoupleProjection(JDBC, couples), projection);
    private final String inviter = UUID.randomUUID().toString();
    private final String invitee = UUID.randomUUID().toString();
    private final String couple = UUID.randomUUID().toString();
    private final String trip = UUID.randomUUID().toString();
    private final String dinner = UUID.randomUUID().toString();
    private final String beach = UUID.randomUUID().toString();
    private final String sunset = UUID.randomUUID().toString();

    @BeforeEach
    void aCoupleWithTwoEntriesInMarchAndOneInApril() {
        events.publish(couple, new CoupleLinkedEvent(couple, inviter, invitee, LocalDate.of(2025, 1, 1)));
        events.publish(trip, new CalendarEntryAddedEvent(trip, couple, MARCH.atDay(14), "Busan trip", "sea",
                                                         List.of(beach), inviter));
        events.publish(dinner, new CalendarEntryAddedEvent(dinner, couple, MARCH.atDay(2), "Dinner", null,
                                                           List.of(), invitee));
        events.publish(UUID.randomUUID().toString(), new CalendarEntryAddedEvent(
                UUID.randomUUID().toString(), couple, MARCH.plusMonths(1).atDay(1), "April", null, List.of(),
                inviter));
    }

    @Test
    void aMonthListsItsEntriesInDateOrderWithTheirImages() {
        CalendarPage march = list(PageRequest.of(0, null, 10));

        assertThat(march.total()).isEqualTo(2);
        assertThat(march.items()).extracting(CalendarEntryView::title).containsExactly("Dinner", "Busan trip");
        assertThat(march.items().get(1).images()).containsExactly(new CalendarImage(beach, "/api/files/" + beach));
        assertThat(march.items().get(1).createdBy()).isEqualTo(inviter);
        CalendarPage first = list(PageRequest.cursorOnly(null, 1));
        assertThat(list(PageRequest.cursorOnly(first.nextCursor(), 1)).items())
                .extracting(CalendarEntryView::id).containsExactly(trip);
    }

    @Test
    void bothPartnersMayFetchAnEntrysPhotosUntilTheyChangeOrGo() {
        assertThat(grants()).containsExactlyInAnyOrder(grant(beach, inviter, trip), grant(beach, invitee, trip));

        events.publish(trip, new CalendarEntryChangedEvent(trip, couple, MARCH.atDay(14), "Busan trip", "sea",
                                                           List.of(sunset)));
        assertThat(grants()).containsExactlyInAnyOrder(grant(sunset, inviter, trip), grant(sunset, invitee, trip));

        events.publish(trip, new CalendarEntryRemovedEvent(trip, couple));
        assertThat(grants()).isEmpty();
        assertThat(list(PageRequest.of(0, null, 10)).items()).extracting(CalendarEntryView::id)
                                                            .containsExactly(dinner);
    }

    @Test
    void aCoupleThatEndedTakesItsGrantsBackAndListsNothing() {
        events.publish(couple, new CoupleDisconnectedEvent(couple, inviter, invitee));

        assertThat(grants()).isEmpty();
        assertThatThrownBy(() -> list(PageRequest.of(0, null, 10))).isInstanceOf(RejectedException.class);
    }

    @Test
    void aReplayGivesTheSameRowsAndGrants() {
        events.publish(trip, new CalendarEntryChangedEvent(trip, couple, MARCH.atDay(15), "Busan trip", "sea",
                                                           List.of(beach, sunset)));
        List<Map<String, Object>> before = rows();
        List<String> grantsBefore = grants();

        events.replay();

        assertThat(rows()).isEqualTo(before);
        assertThat(grants()).isEqualTo(grantsBefore).hasSize(4);
    }

    private CalendarPage list(PageRequest page) {
        return projection.handle(new ListCalendarEntriesQuery(invitee, MARCH, page));
    }

    private List<String> grants() {
        return TestFileGrants.of(JDBC, "calendar/" + trip);
    }

    private static String grant(String fileId, String grantee, String entryId) {
        return fileId + " -> " + grantee + " (calendar/" + entryId + ")";
    }

    private List<Map<String, Object>> rows() {
        return JDBC.sql("SELECT * FROM couple_calendar_entry WHERE couple_id = :id ORDER BY entry_id")
                   .param("id", couple).query().listOfRows();
    }
}
