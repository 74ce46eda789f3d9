package io.tandem.query.chat;

import io.tandem.api.RejectedException;
import io.tandem.api.chat.ChatEvents.ChatMessageSentEvent;
import io.tandem.api.chat.ChatEvents.ChatReadUpToEvent;
import io.tandem.api.chat.ChatQueries.ChatHistory;
import io.tandem.api.chat.ChatQueries.ChatMessageView;
import io.tandem.api.chat.ChatQueries.ListChatMessagesQuery;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.ProjectionHarness;
import io.tandem.query.couple.TestCouples;
import io.tandem.query.file.TestFileGrants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chat read model (history, read markers, attachment grants): events in, rows and query answers out, and a
 * replay gives the same rows.
 */
class ChatProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();
    private static final Instant T0 = Instant.parse("2026-04-01T12:00:00Z");

    private final ChatProjection projection = new ChatProjection(JDBC, new ChatRooms(JDBC, () -> true),
                                                                 TestFileGrants.over(JDBC));
    private final ProjectionHarness events = new ProjectionHarness(TestCouples.projection(JDBC), projection);
    private final String me = UUID.randomUUID().toString();
    private final String partner = UUID.randomUUID().toString();
    private final String couple = UUID.randomUUID().toString();
    private final List<String> messages = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                                                  UUID.randomUUID().toString());
    private final String photo = UUID.randomUUID().toString();

    @BeforeEach
    void threeMessagesAndBothReadMarkers() {
        events.publish(couple, TestCouples.linked(couple, me, partner));
        send(0, me, partner, "hi", null);
        send(1, partner, me, "look", photo);
        send(2, me, partner, "wow", null);
        events.publish(couple, new ChatReadUpToEvent(couple, partner, messages.get(0), T0));
        events.publish(couple, new ChatReadUpToEvent(couple, me, messages.get(1), T0.plusSeconds(1)));
        events.publish(couple, new ChatReadUpToEvent(couple, partner, messages.get(0), T0.minusSeconds(60)));
    }

    @Test
    void theHistoryIsNewestFirstWithWhatEachSideHasRead() {
        ChatHistory history = projection.handle(new ListChatMessagesQuery(me, PageRequest.cursorOnly(null, 10)));

        assertThat(history.items()).extracting(view -> view.text() + ":" + view.mine() + ":" + view.read())
                                   .containsExactly("wow:true:false", "look:false:true", "hi:true:true");
        assertThat(history.items().get(1).fileId()).isEqualTo(photo);
        assertThat(history.myReadUpTo().messageId()).isEqualTo(messages.get(1));
        assertThat(history.partnerReadUpTo().messageId()).as("an older marker does not move it back")
                                                          .isEqualTo(messages.get(0));
        ChatHistory first = projection.handle(new ListChatMessagesQuery(me, PageRequest.cursorOnly(null, 2)));
        ChatHistory rest = projection.handle(new ListChatMessagesQuery(me, PageRequest.cursorOnly(first.nextCursor(),
                                                                                                  2)));
        assertThat(rest.items()).extracting(ChatMessageView::messageId).containsExactly(messages.get(0));
        assertThat(rest.nextCursor()).isNull();
    }

    @Test
    void anAttachmentIsTheRecipientsToSeeUntilTheCoupleEnds() {
        assertThat(TestFileGrants.of(JDBC, "chat/" + messages.get(1)))
                .containsExactly(photo + " -> " + me + " (chat/" + messages.get(1) + ")");

        events.publish(couple, new CoupleDisconnectedEvent(couple, me, partner));

        assertThat(TestFileGrants.of(JDBC, "chat/" + messages.get(1))).isEmpty();
        assertThatThrownBy(() -> projection.handle(new ListChatMessagesQuery(me, PageRequest.cursorOnly(null, 10))))
                .isInstanceOf(RejectedException.class);
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        List<Map<String, Object>> messages = rows("chat_message");
        List<Map<String, Object>> markers = rows("chat_read_marker");

        events.redeliver(2);
        events.redeliver(4);
        assertThat(rows("chat_message")).isEqualTo(messages);
        assertThat(rows("chat_read_marker")).isEqualTo(markers);
        events.replay();
        assertThat(rows("chat_message")).isEqualTo(messages);
        assertThat(rows("chat_read_marker")).isEqualTo(markers);
    }

    private void send(int number, String sender, String recipient, String text, String fileId) {
        String id = messages.get(number);
        events.publish(id, new ChatMessageSentEvent(id, couple, sender, recipient, text, fileId,
                                                    T0.plusSeconds(number)));
    }

    private List<Map<String, Object>> rows(String table) {
        return JDBC.sql("SELECT * FROM " + table + " WHERE couple_id = :id ORDER BY 1, 2, 3")
                   .param("id", couple).query().listOfRows();
    }
}
