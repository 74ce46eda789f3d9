package io.tandem.query.couple;

import io.tandem.api.couple.CoupleQueries.AnniversaryView;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AnniversaryDatesTest {

    @Test
    void theFirstDayIsDayOne() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        assertThat(ActiveCouples.daysTogether(start, start)).isEqualTo(1);
        assertThat(ActiveCouples.daysTogether(start, LocalDate.of(2026, 4, 10))).isEqualTo(100);
    }

    @Test
    void aNewCoupleSeesItsHundredsAndItsFirstYear() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        assertThat(AnniversaryDates.milestones(start, start))
                .extracting(AnniversaryView::title, AnniversaryView::nextDate, AnniversaryView::dDay,
                            AnniversaryView::dDayLabel, AnniversaryView::milestone, AnniversaryView::id)
                .containsExactly(tuple("100 days", LocalDate.of(2026, 4, 10), 99L, "D-99", true, null),
                                 tuple("200 days", LocalDate.of(2026, 7, 19), 199L, "D-199", true, null),
                                 tuple("300 days", LocalDate.of(2026, 10, 27), 299L, "D-299", true, null),
                                 tuple("1 year", LocalDate.of(2027, 1, 1), 365L, "D-365", true, null));
    }

    @Test
    void aMilestoneIsListedOnItsDayAndTheThousandthDayIsAmongThem() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        LocalDate hundredth = start.plusDays(99);
        assertThat(AnniversaryDates.milestones(start, hundredth).get(0))
                .extracting(AnniversaryView::title, AnniversaryView::dDay, AnniversaryView::dDayLabel)
                .containsExactly("100 days", 0L, "D-Day");
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertThat(AnniversaryDates.milestones(start, today))
                .extracting(AnniversaryView::title)
                .containsExactly("900 days", "1000 days", "1100 days", "1200 days", "3 years");
    }

    @Test
    void yearlyDatesComeRoundAndOneOffDatesStayPut() {
        LocalDate today = LocalDate.of(2026, 11, 23);
        LocalDate firstTrip = LocalDate.of(2024, 8, 15);
        assertThat(AnniversaryDates.nextOccurrence(firstTrip, true, today)).isEqualTo(LocalDate.of(2027, 8, 15));
        assertThat(AnniversaryDates.nextOccurrence(firstTrip, false, today)).isEqualTo(firstTrip);
        assertThat(AnniversaryDates.nextOccurrence(LocalDate.of(2020, 12, 24), true, today))
                .isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(AnniversaryDates.nextOccurrence(LocalDate.of(2020, 11, 23), true, today)).isEqualTo(today);
        assertThat(AnniversaryDates.nextOccurrence(LocalDate.of(2028, 5, 1), true, today))
                .isEqualTo(LocalDate.of(2028, 5, 1));
        assertThat(AnniversaryDates.nextOccurrence(LocalDate.of(2024, 2, 29), true, today))
                .isEqualTo(LocalDate.of(2027, 2, 28));
        AnniversaryView past = AnniversaryDates.view("a-1", "Concert", LocalDate.of(2026, 11, 18), false, today);
        assertThat(past.dDay()).isEqualTo(-5);
        assertThat(past.dDayLabel()).isEqualTo("D+5");
    }
}
