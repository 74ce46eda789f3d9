package io.tandem.query.couple;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.couple.CoupleEvents.CalendarEntryAddedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryChangedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryRemovedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleQueries.CalendarEntryView;
import io.tandem.api.couple.CoupleQueries.CalendarImage;
import io.tandem.api.couple.CoupleQueries.CalendarPage;
import io.tandem.api.couple.CoupleQueries.ListCalendarEntriesQuery;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.platform.jdbc.JsonColumns;
import io.tandem.query.file.FileGrants;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A couple's calendar, a month at a time, and the download grants that let each partner fetch the other's photos.
 * Grants are named {@code calendar/<entry id>} and always rebuilt from the entry's current images and the couple's
 * current partners: an entry's images changing, the entry going, or the couple ending takes them back. An ended
 * couple's entries go too: their titles no longer decrypt (a title that reads as null is one of those, met on
 * replay or by a lagging processor, and is skipped).
 */
@Component
@ProcessingGroup(CoupleProjection.PROCESSING_GROUP)
class CalendarProjection {

    private static final TypeReference<List<String>> IMAGE_IDS = new TypeReference<>() {
    };
    private static final RowMapper<CalendarEntryView> VIEW = (rs, row) -> new CalendarEntryView(
            rs.getString("entry_id"), rs.getObject("entry_date", LocalDate.class), rs.getString("title"),
            rs.getString("content"),
            JsonColumns.read(rs.getString("image_ids"), IMAGE_IDS).stream()
                       .map(id -> new CalendarImage(id, "/api/files/" + id)).toList(),
            rs.getString("created_by"));

    /** Each entry's photos are shared under {@code calendar/<entry id>}. */
    private static final String GRANT_PREFIX = "calendar/";

    private final JdbcClient jdbc;
    private final ActiveCouples couples;
    private final FileGrants grants;

    CalendarProjection(JdbcClient jdbc, ActiveCouples couples, FileGrants grants) {
        this.jdbc = jdbc;
        this.couples = couples;
        this.grants = grants;
    }

    @EventHandler
    void on(CalendarEntryAddedEvent event, @SequenceNumber long sequence) {
        if (event.title() == null) {
            return;
        }
        jdbc.sql("""
                 INSERT INTO couple_calendar_entry (entry_id, couple_id, entry_date, title, content, image_ids,
                                                    created_by, last_sequence)
                 VALUES (:id, :coupleId, :date, :title, :content, CAST(:imageIds AS JSONB), :createdBy, :sequence)
                 ON CONFLICT (entry_id) DO NOTHING
                 """)
            .param("id", event.entryId())
            .param("coupleId", event.coupleId())
            .param("date", event.date())
            .param("title", event.title())
            .param("content", event.content())
            .param("imageIds", JsonColumns.write(event.imageIds()))
            .param("createdBy", event.addedBy())
            .param("sequence", sequence)
            .update();
        regrant(event.entryId());
    }

    @EventHandler
    void on(CalendarEntryChangedEvent event, @SequenceNumber long sequence) {
        if (event.title() == null) {
            return;
        }
        jdbc.sql("""
                 UPDATE couple_calendar_entry
                 SET entry_date = :date, title = :title, content = :content, image_ids = CAST(:imageIds AS JSONB),
                     last_sequence = :sequence
                 WHERE entry_id = :id AND last_sequence < :sequence
                 """)
            .param("date", event.date())
            .param("title", event.title())
            .param("content", event.content())
            .param("imageIds", JsonColumns.write(event.imageIds()))
            .param("sequence", sequence)
            .param("id", event.entryId())
            .update();
        regrant(event.entryId());
    }

    @EventHandler
    void on(CalendarEntryRemovedEvent event) {
        jdbc.sql("DELETE FROM couple_calendar_entry WHERE entry_id = :id").param("id", event.entryId()).update();
        regrant(event.entryId());
    }

    /** Whether or not {@link CoupleProjection} has marked the couple ended yet, its grants go, then its entries. */
    @EventHandler
    void on(CoupleDisconnectedEvent event) {
        jdbc.sql("""
                 DELETE FROM file_grant WHERE source IN (SELECT 'calendar/' || entry_id FROM couple_calendar_entry
                                                         WHERE couple_id = :coupleId)
                 """)
            .param("coupleId", event.coupleId())
            .update();
        jdbc.sql("DELETE FROM couple_calendar_entry WHERE couple_id = :coupleId")
            .param("coupleId", event.coupleId())
            .update();
    }

    @ResetHandler
    void reset() {
        grants.revokeAll(GRANT_PREFIX);
        jdbc.sql("DELETE FROM couple_calendar_entry").update();
    }

    @QueryHandler
    CalendarPage handle(ListCalendarEntriesQuery query) {
        String coupleId = couples.requireCoupleOf(query.userId());
        YearMonth month = query.month();
        PageRequest request = query.page();
        String inMonth = "couple_id = :coupleId AND entry_date BETWEEN :first AND :last";
        if (request.byPage()) {
            long total = inMonth(jdbc.sql("SELECT count(*) FROM couple_calendar_entry WHERE " + inMonth),
                                 coupleId, month)
                    .query(Long.class).single();
            List<CalendarEntryView> items = inMonth(jdbc.sql(
                    "SELECT * FROM couple_calendar_entry WHERE " + inMonth
                    + " ORDER BY entry_date, entry_id LIMIT :size OFFSET :offset"), coupleId, month)
                    .param("size", request.size())
                    .param("offset", request.offset())
                    .query(VIEW)
                    .list();
            return new CalendarPage(items, total, request.page(), request.size(), null);
        }
        Cursor after = request.after(2);
        LocalDate afterDate = after == null ? null : after.date(0);
        List<CalendarEntryView> rest = inMonth(jdbc.sql(
                "SELECT * FROM couple_calendar_entry WHERE " + inMonth
                + " AND (CAST(:afterDate AS DATE) IS NULL OR (entry_date, entry_id) > (:afterDate, :afterId))"
                + " ORDER BY entry_date, entry_id LIMIT :limit"), coupleId, month)
                .param("afterDate", afterDate)
                .param("afterId", after == null ? "" : after.value(1))
                .param("limit", request.probeSize())
                .query(VIEW)
                .list();
        List<CalendarEntryView> slice = rest.stream().limit(request.size()).toList();
        String next = rest.size() > request.size()
                ? Cursor.of(slice.get(slice.size() - 1).date(), slice.get(slice.size() - 1).id()).encode() : null;
        return new CalendarPage(slice, null, null, request.size(), next);
    }

    /** Every image of the entry, for both partners of a couple still together; nothing otherwise. */
    private void regrant(String entryId) {
        String source = GRANT_PREFIX + entryId;
        grants.revoke(source);
        jdbc.sql("""
                 INSERT INTO file_grant (file_id, grantee, source)
                 SELECT image.id, partner.id, :source
                 FROM couple_calendar_entry e
                 JOIN couple c ON c.couple_id = e.couple_id AND c.disconnected_at IS NULL
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.image_ids) AS image(id)
                 CROSS JOIN LATERAL (VALUES (c.inviter_id), (c.invitee_id)) AS partner(id)
                 WHERE e.entry_id = :entryId
                 ON CONFLICT DO NOTHING
                 """)
            .param("source", source)
            .param("entryId", entryId)
            .update();
    }

    private static JdbcClient.StatementSpec inMonth(JdbcClient.StatementSpec statement, String coupleId,
                                                    YearMonth month) {
        return statement.param("coupleId", coupleId)
                        .param("first", month.atDay(1))
                        .param("last", month.atEndOfMonth());
    }
}
