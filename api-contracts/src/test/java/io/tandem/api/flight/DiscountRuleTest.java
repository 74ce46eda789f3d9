package io.tandem.api.flight;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiscountRuleTest {

    private static final LocalDate CHRISTMAS_EVE = LocalDate.of(2026, 12, 24);

    private static DiscountRule rule(DiscountType type, long amount, List<String> routes, List<String> flights) {
        return new DiscountRule("d", type, amount, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), routes,
                                flights);
    }

    @Test
    void percentageAndFixedDiscountsRoundDownToWholeWonAndNeverGoNegative() {
        assertThat(rule(DiscountType.PERCENTAGE, 15, List.of(), List.of()).discounted(123_457)).isEqualTo(104_939);
        assertThat(rule(DiscountType.FIXED, 30_000, List.of(), List.of()).discounted(250_000)).isEqualTo(220_000);
        assertThat(rule(DiscountType.FIXED, 300_000, List.of(), List.of()).discounted(250_000)).isZero();
    }

    @Test
    void aDiscountAppliesOnlyToItsRoutesFlightsAndTravelDates() {
        DiscountRule tokyo = rule(DiscountType.PERCENTAGE, 10, List.of("ICN-NRT"), List.of());
        assertThat(tokyo.appliesTo("ICN-NRT", "f1", CHRISTMAS_EVE)).isTrue();
        assertThat(tokyo.appliesTo("NRT-ICN", "f1", CHRISTMAS_EVE)).isFalse();
        assertThat(tokyo.appliesTo("ICN-NRT", "f1", LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(tokyo.appliesTo("ICN-NRT", "f1", LocalDate.of(2026, 12, 31))).isTrue();
        DiscountRule oneFlight = rule(DiscountType.FIXED, 1000, List.of(), List.of("f2"));
        assertThat(oneFlight.appliesTo("GMP-CJU", "f2", CHRISTMAS_EVE)).isTrue();
        assertThat(oneFlight.appliesTo("GMP-CJU", "f3", CHRISTMAS_EVE)).isFalse();
    }

    @Test
    void discountsDoNotStackTheBestOneWins() {
        List<DiscountRule> discounts = List.of(rule(DiscountType.PERCENTAGE, 10, List.of(), List.of()),
                                               rule(DiscountType.FIXED, 50_000, List.of("ICN-NRT"), List.of()),
                                               rule(DiscountType.PERCENTAGE, 50, List.of("ICN-KIX"), List.of()));
        assertThat(DiscountRule.bestFare(300_000, discounts, "ICN-NRT", "f", CHRISTMAS_EVE)).isEqualTo(250_000);
        assertThat(DiscountRule.bestFare(300_000, discounts, "GMP-CJU", "f", CHRISTMAS_EVE)).isEqualTo(270_000);
        assertThat(DiscountRule.bestFare(300_000, discounts, "GMP-CJU", "f", LocalDate.of(2027, 2, 1)))
                .isEqualTo(300_000);
    }
}
