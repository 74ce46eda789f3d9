package io.tandem.api.paging;

import io.tandem.api.RejectedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Security review L5: a page number whose offset overflows an int must be a 400, never a negative offset. */
class PageRequestTest {

    @Test
    void aPageSoDeepItsOffsetWouldOverflowIsRefused() {
        assertThatThrownBy(() -> PageRequest.of(21_474_837, null, 100))
                .isInstanceOfSatisfying(RejectedException.class,
                                        e -> assertThat(e.rejection().code()).isEqualTo("invalid_paging"));
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, null, 1)).isInstanceOf(RejectedException.class);
    }

    @Test
    void pagesUpToTheDeepestOffsetAreServed() {
        PageRequest deepest = PageRequest.of(PageRequest.MAX_OFFSET / 100, null, 100);
        assertThat(deepest.offset()).isEqualTo(PageRequest.MAX_OFFSET);
    }
}
