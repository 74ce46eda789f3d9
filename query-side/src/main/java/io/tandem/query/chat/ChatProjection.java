package io.tandem.query.chat;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.chat.ChatEvents.ChatMessageSentEvent;
import io.tandem.api.chat.ChatEvents.ChatReadUpToEvent;
import io.tandem.api.chat.ChatQueries.ChatHistory;
import io.tandem.api.chat.ChatQueries.ChatMessageView;
import io.tandem.api.chat.ChatQueries.ChatReadState;
import io.tandem.api.chat.ChatQueries.ListChatMessagesQuery;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.file.FileGrants;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/** The couples' chat history and read markers. Re-delivered events leave the rows as they were. */
@Component
@ProcessingGroup(ChatProjection.PROCESSING_GROUP)
class ChatProjection {

    static final String PROCESSING_GROUP = ReadModels.CHAT;

    private static final String GRANT_PREFIX = "chat/";

    private final JdbcClient jdbc;
    private final ChatRooms rooms;
    private final FileGrants grants;

    ChatProjection(JdbcClient jdbc, ChatRooms rooms, FileGrants grants) {
        this.jdbc = jdbc;
        this.rooms = rooms;
        this.grants = grants;
    }

    /** A photo or video sent in the chat is the recipient's to see too. */
    private static String grantSource(String messageId) {
        return GRANT_PREFIX + messageId;
    }

    @EventHandler
    void on(ChatMessageSentEvent event) {
        int stored = jdbc.sql("""
                 INSERT INTO chat_message (message_id, couple_id, sender_id, recipient_id, text, file_id, sent_at)
                 VALUES (:messageId, :coupleId, :senderId, :recipientId, :text, :fileId, :sentAt)
                 ON CONFLICT (message_id) DO NOTHING
                 """)
            .param("messageId", event.messageId())
            .param("coupleId", event.coupleId())
            .param("senderId", event.senderId())
            .param("recipientId", event.recipientId())
            .param("text", event.text())
            .param("fileId", event.fileId())
            .param("sentAt", utc(event.sentAt()))
            .update();
        if (stored == 1 && event.fileId() != null) {
            grants.replace(grantSource(event.messageId()), List.of(event.fileId()), event.recipientId());
        }
    }

    /** Once a couple is no more, neither partner sees the other's chat photos any longer. */
    @EventHandler
    void on(CoupleDisconnectedEvent event) {
        jdbc.sql("SELECT message_id FROM chat_message WHERE couple_id = :coupleId AND file_id IS NOT NULL")
            .param("coupleId", event.coupleId())
            .query(String.class)
            .list()
            .forEach(messageId -> grants.revoke(grantSource(messageId)));
    }

    /** The text is the sender's: an erased sender's messages stay, without it, as their events read on replay. */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("UPDATE chat_message SET text = NULL WHERE sender_id = :senderId")
            .param("senderId", event.userId())
            .update();
    }

    @EventHandler
    void on(ChatReadUpToEvent event) {
        jdbc.sql("""
                 INSERT INTO chat_read_marker (couple_id, reader_id, message_id, message_sent_at)
                 VALUES (:coupleId, :readerId, :messageId, :sentAt)
                 ON CONFLICT (couple_id, reader_id) DO UPDATE
                     SET message_id = EXCLUDED.message_id, message_sent_at = EXCLUDED.message_sent_at
                     WHERE chat_read_marker.message_sent_at < EXCLUDED.message_sent_at
                 """)
            .param("coupleId", event.coupleId())
            .param("readerId", event.readerId())
            .param("messageId", event.messageId())
            .param("sentAt", utc(event.messageSentAt()))
            .update();
    }

    @ResetHandler
    void reset() {
        grants.revokeAll(GRANT_PREFIX);
        jdbc.sql("DELETE FROM chat_message").update();
        jdbc.sql("DELETE FROM chat_read_marker").update();
    }

    @QueryHandler
    ChatHistory handle(ListChatMessagesQuery query) {
        ChatRooms.Room room = rooms.of(query.userId()).orElseThrow(() -> new RejectedException(
                Rejection.notFound("not_in_couple", "Link with your partner first; the chat is the couple's.")));
        PageRequest page = query.page();
        Cursor after = page.after(2);
        Optional<ChatReadState> mine = marker(room.coupleId(), query.userId());
        Optional<ChatReadState> partners = marker(room.coupleId(), room.partnerId());
        Instant myMark = mine.map(ChatReadState::messageSentAt).orElse(Instant.MIN);
        Instant partnerMark = partners.map(ChatReadState::messageSentAt).orElse(Instant.MIN);
        var statement = jdbc.sql("SELECT * FROM chat_message WHERE couple_id = :coupleId"
                                 + (after == null ? "" : " AND (sent_at, message_id) < (:sentAt, :messageId)")
                                 + " ORDER BY sent_at DESC, message_id DESC LIMIT :limit")
                            .param("coupleId", room.coupleId())
                            .param("limit", page.probeSize());
        if (after != null) {
            statement = statement.param("sentAt", utc(after.instant(0))).param("messageId", after.value(1));
        }
        List<ChatMessageView> rows = statement.query((rs, row) -> {
            Instant sentAt = instant(rs, "sent_at");
            boolean mineMessage = rs.getString("sender_id").equals(query.userId());
            boolean read = !sentAt.isAfter(mineMessage ? partnerMark : myMark);
            return new ChatMessageView(rs.getString("message_id"), rs.getString("sender_id"), rs.getString("text"),
                                       rs.getString("file_id"), sentAt, mineMessage, read);
        }).list();
        List<ChatMessageView> items = rows.subList(0, Math.min(rows.size(), page.size()));
        String next = rows.size() > page.size()
                      ? Cursor.of(items.get(items.size() - 1).sentAt(), items.get(items.size() - 1).messageId())
                              .encode()
                      : null;
        return new ChatHistory(items, page.size(), next, mine.orElse(null), partners.orElse(null));
    }

    private Optional<ChatReadState> marker(String coupleId, String readerId) {
        return jdbc.sql("SELECT * FROM chat_read_marker WHERE couple_id = :coupleId AND reader_id = :readerId")
                   .param("coupleId", coupleId)
                   .param("readerId", readerId)
                   .query((rs, row) -> new ChatReadState(readerId, rs.getString("message_id"),
                                                         instant(rs, "message_sent_at")))
                   .optional();
    }
}
