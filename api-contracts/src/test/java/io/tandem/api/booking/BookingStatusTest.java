package io.tandem.api.booking;

import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every booking event walks through the one status mapping the aggregate and all booking read models use. */
class BookingStatusTest {

    /** What each event does to the status; a new booking event fails this test until its row is written here. */
    private static final Map<Class<?>, Optional<BookingStatus>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(BookingPlacedEvent.class, Optional.of(BookingStatus.PENDING_PAYMENT));
        EXPECTED.put(PaymentRecordedEvent.class, Optional.empty());
        EXPECTED.put(BookingConfirmedEvent.class, Optional.of(BookingStatus.CONFIRMED));
        EXPECTED.put(BookingExpiredEvent.class, Optional.of(BookingStatus.EXPIRED));
        EXPECTED.put(BookingCancellationRequestedEvent.class, Optional.of(BookingStatus.CANCELLATION_REQUESTED));
        EXPECTED.put(RefundFailedEvent.class, Optional.of(BookingStatus.REFUND_FAILED));
        EXPECTED.put(BookingRefundedEvent.class, Optional.of(BookingStatus.CANCELLATION_REQUESTED));
        EXPECTED.put(BookingCancelledEvent.class, Optional.of(BookingStatus.CANCELLED));
    }

    @Test
    void everyEventDeclaredWithBookingsIsABookingEvent() {
        Set<Class<?>> declared = Arrays.stream(BookingEvents.class.getDeclaredClasses())
                                       .filter(Class::isRecord)
                                       .collect(Collectors.toSet());
        assertThat(declared).allSatisfy(type -> assertThat(BookingEvent.class).isAssignableFrom(type));
        assertThat(BookingEvent.class.getPermittedSubclasses()).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyBookingEventHasItsStatusDecided() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(BookingEvent.class.getPermittedSubclasses());
        for (Class<?> type : BookingEvent.class.getPermittedSubclasses()) {
            assertThat(BookingStatus.after(sample(type))).as(type.getSimpleName()).isEqualTo(EXPECTED.get(type));
        }
    }

    @Test
    void everyStatusIsReachedByAnEvent() {
        Set<BookingStatus> reached = EnumSet.noneOf(BookingStatus.class);
        EXPECTED.values().forEach(status -> status.ifPresent(reached::add));
        assertThat(reached).containsExactlyInAnyOrder(BookingStatus.values());
    }

    /** An instance of the event record with every component at its type's default (null, 0, false). */
    private static BookingEvent sample(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(BookingStatusTest::defaultOf).toArray();
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (BookingEvent) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot build a " + type.getSimpleName(), e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }
}
