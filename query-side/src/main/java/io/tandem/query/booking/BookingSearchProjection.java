package io.tandem.query.booking;

import io.tandem.api.booking.BookingEvents.BookingEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.BookingQueries.BookingPage;
import io.tandem.api.booking.BookingQueries.SearchBookingsQuery;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Bookings in Elasticsearch for the admins' free-text search ({@link BookingIndex}).
 * <p>
 * A booking's events arrive in order (the booking is the processor's sequencing key). Each event reads the
 * booking's document (a realtime get), changes it and writes it back with the event's sequence number as its
 * version; an event no newer than the document is skipped, so re-deliveries and replays give the same documents.
 * New documents become searchable within {@link BookingIndex#REFRESH_INTERVAL}.
 * <p>
 * A reset replaces the index by an empty one before the replay refills it: search shows fewer bookings until the
 * replay catches up.
 */
@Component
@ProcessingGroup(BookingSearchProjection.PROCESSING_GROUP)
class BookingSearchProjection {

    static final String PROCESSING_GROUP = "booking-search";

    private final BookingIndex index;

    BookingSearchProjection(BookingIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(BookingPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        index.put(BookingDocument.placed(event, occurredAt), sequence);
    }

    @EventHandler
    void on(PaymentRecordedEvent event, @SequenceNumber long sequence) {
        change(event.bookingNumber(), sequence, document -> document.withReceipt(event.receiptId()));
    }

    @EventHandler
    void on(RefundFailedEvent event, @SequenceNumber long sequence) {
        change(event.bookingNumber(), sequence,
               document -> document.withRefundFailure(event));
    }

    /** Events that change nothing but the status, as {@link BookingStatus#after} maps them. */
    @EventHandler
    void on(BookingEvent event, @SequenceNumber long sequence) {
        BookingStatus.after(event).ifPresent(
                status -> change(event.bookingNumber(), sequence, document -> document.withStatus(status)));
    }

    /**
     * The passengers' names and phones are the erased person's data; their documents go. Events of the person
     * handled later, or replayed, no longer decrypt, so they come back without passengers.
     */
    @EventHandler
    void on(UserErasedEvent event) {
        index.removeBookingsOf(event.userId());
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    BookingPage handle(SearchBookingsQuery query) {
        if (query.text() == null || query.text().isBlank()) {
            return new BookingPage(List.of(), query.page(), query.size(), 0);
        }
        BookingIndex.Found found = index.search(query.text(), query.page(), query.size());
        return new BookingPage(found.documents().stream().map(BookingDocument::toView).toList(), query.page(),
                               query.size(), found.total());
    }

    private void change(String bookingNumber, long sequence, UnaryOperator<BookingDocument> change) {
        index.get(bookingNumber)
             .filter(stored -> stored.version() < sequence)
             .ifPresent(stored -> index.put(change.apply(stored.document()), sequence));
    }
}
