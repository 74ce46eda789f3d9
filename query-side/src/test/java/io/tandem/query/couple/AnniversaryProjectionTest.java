package io.tandem.query.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleEvents.AnniversaryAddedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryChangedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryRemovedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleQueries.AnniversaryPage;
import io.tandem.api.couple.CoupleQueries.AnniversaryView;
import io.tandem.api.couple.CoupleQueries.ListAnniversariesQuery;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The anniversaries read model: events in, rows and query answers out, and a replay gives the same rows. */
class AnniversaryProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final ActiveCouples couples = new ActiveCouples(JDBC, CoupleProjectionTest.SEOUL);
    private final AnniversaryProjection projection = new AnniversaryProjection(JDBC, couples);
    private final ProjectionHarness events = new ProjectionHarness(new CoupleProjection(JDBC, couples), projection);
    private final String partner = UUID.randomUUID().toString();
    private final String couple = UUID.randomUUID().toString();
    private final LocalDate today = LocalDate.now(CoupleProjectionTest.SEOUL);
    private final String engagement = UUID.randomUUID().toString();
    private final String concert = UUID.randomUUID().toString();
    private final String picnic = UUID.randomUUID().toString();

    @BeforeEach
    void aCoupleOfTenDaysWithThreeDates() {
        events.publish(couple, new CoupleLinkedEvent(couple, partner, UUID.randomUUID().toString(),
                                                     today.minusDays(9)));
        add(engagement, "Engagement", today.minusYears(2).plusDays(5), true);
        add(concert, "Concert", today.plusDays(30), false);
        add(picnic, "Picnic", today.minusDays(3), false);
    }

    @Test
    void datesAheadComeSoonestFirstWithTheMilestonesAndPastOnesLast() {
        List<AnniversaryView> all = list(PageRequest.of(0, null, 100)).items();

        assertThat(all.get(0)).satisfies(first -> {
            assertThat(first.id()).isEqualTo(engagement);
            assertThat(first.nextDate()).isEqualTo(today.plusDays(5));
            assertThat(first.dDayLabel()).isEqualTo("D-5");
        });
        assertThat(all.get(1).title()).isEqualTo("Concert");
        assertThat(all.get(2)).satisfies(milestone -> {
            assertThat(milestone.title()).isEqualTo("100 days");
            assertThat(milestone.milestone()).isTrue();
            assertThat(milestone.dDay()).isEqualTo(90);
        });
        assertThat(all.get(all.size() - 1)).satisfies(last -> {
            assertThat(last.id()).isEqualTo(picnic);
            assertThat(last.dDayLabel()).isEqualTo("D+3");
        });
    }

    @Test
    void aChangeMovesADateAndARemovalTakesItAway() {
        events.publish(concert, new AnniversaryChangedEvent(concert, couple, "Concert (moved)", today, false));
        events.publish(picnic, new AnniversaryRemovedEvent(picnic, couple));

        List<AnniversaryView> all = list(PageRequest.of(0, null, 100)).items();

        assertThat(all.get(0).title()).isEqualTo("Concert (moved)");
        assertThat(all.get(0).dDayLabel()).isEqualTo("D-Day");
        assertThat(all).extracting(AnniversaryView::id).doesNotContain(picnic);
    }

    @Test
    void cursorPagesGiveTheWholeListOnceInOrder() {
        List<AnniversaryView> whole = list(PageRequest.of(0, null, 100)).items();
        List<AnniversaryView> paged = new ArrayList<>();
        String cursor = null;
        do {
            AnniversaryPage page = list(PageRequest.cursorOnly(cursor, 2));
            paged.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void aCoupleThatEndedListsNothing() {
        events.publish(couple, new CoupleDisconnectedEvent(couple, partner, null));

        assertThatThrownBy(() -> list(PageRequest.of(0, null, 10))).isInstanceOf(RejectedException.class);
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        events.publish(concert, new AnniversaryChangedEvent(concert, couple, "Concert (moved)", today, false));
        List<Map<String, Object>> before = rows();

        events.redeliver(2);
        assertThat(rows()).isEqualTo(before);
        events.replay();
        assertThat(rows()).isEqualTo(before);
    }

    private void add(String id, String title, LocalDate date, boolean yearly) {
        events.publish(id, new AnniversaryAddedEvent(id, couple, title, date, yearly, partner));
    }

    private AnniversaryPage list(PageRequest page) {
        return projection.handle(new ListAnniversariesQuery(partner, page));
    }

    private List<Map<String, Object>> rows() {
        return JDBC.sql("SELECT * FROM couple_anniversary WHERE couple_id = :id ORDER BY anniversary_id")
                   .param("id", couple).query().listOfRows();
    }
}
