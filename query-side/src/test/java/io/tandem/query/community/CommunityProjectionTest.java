package io.tandem.query.community;

import io.tandem.api.RejectedException;
import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.community.CommunityEvents.CommentDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.community.CommunityEvents.PostDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostEditedEvent;
import io.tandem.api.community.CommunityQueries.CommentPage;
import io.tandem.api.community.CommunityQueries.CommentView;
import io.tandem.api.community.CommunityQueries.FindPostQuery;
import io.tandem.api.community.CommunityQueries.ListCommentsQuery;
import io.tandem.api.community.CommunityQueries.PostView;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.ProjectionHarness;
import io.tandem.query.file.TestFileGrants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The community read model (posts, comments, the posts' photo grants) in PostgreSQL: events in, rows and query
 * answers out, and a replay gives the same rows. Search over posts is Elasticsearch's and tested with it.
 */
class CommunityProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final CommunityProjection projection = new CommunityProjection(JDBC, TestFileGrants.over(JDBC));
    private final ProjectionHarness events = new ProjectionHarness(projection);
    private final String author = UUID.randomUUID().toString();
    private final String post = UUID.randomUUID().toString();
    private final String photo = UUID.randomUUID().toString();
    private final String newPhoto = UUID.randomUUID().toString();
    private final List<String> comments = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                                                  UUID.randomUUID().toString());

    @BeforeEach
    void anEditedPostWithThreeCommentsOneDeleted() {
        events.publish(post, new PostCreatedEvent(post, author, "Jeju in spring", "canola fields", List.of(photo)));
        events.publish(post, new PostEditedEvent(post, author, "Jeju in April", "canola fields!", List.of(newPhoto)));
        for (String comment : comments) {
            events.publish(comment, new CommentAddedEvent(comment, post, UUID.randomUUID().toString(), author,
                                                          "nice " + comment));
        }
        events.publish(comments.get(1), new CommentDeletedEvent(comments.get(1), post, author));
    }

    @Test
    void aPostShowsItsLatestEditAndCountsItsLiveComments() {
        PostView shown = projection.handle(new FindPostQuery(post));

        assertThat(shown.title()).isEqualTo("Jeju in April");
        assertThat(shown.content()).isEqualTo("canola fields!");
        assertThat(shown.imageFileIds()).containsExactly(newPhoto);
        assertThat(shown.commentCount()).isEqualTo(2);
        assertThat(shown.editedAt()).isAfter(shown.createdAt());
        assertThat(TestFileGrants.of(JDBC, "post/" + post)).containsExactly(newPhoto + " -> * (post/" + post + ")");
    }

    @Test
    void commentsComeOldestFirstOneCursorPageAtATime() {
        CommentPage first = projection.handle(new ListCommentsQuery(post, PageRequest.cursorOnly(null, 1)));
        CommentPage second = projection.handle(new ListCommentsQuery(post, PageRequest.cursorOnly(first.nextCursor(),
                                                                                                   1)));

        assertThat(first.items()).extracting(CommentView::commentId).containsExactly(comments.get(0));
        assertThat(second.items()).extracting(CommentView::commentId).containsExactly(comments.get(2));
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aDeletedPostIsAnEmptyTombstoneThatAnswersLikeAnUnknownOne() {
        events.publish(post, new PostDeletedEvent(post, author));

        assertThatThrownBy(() -> projection.handle(new FindPostQuery(post))).isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> projection.handle(new ListCommentsQuery(post, PageRequest.cursorOnly(null, 10))))
                .isInstanceOf(RejectedException.class);
        assertThat(postRow()).containsEntry("deleted", true).containsEntry("title", "").containsEntry("content", "");
        assertThat(TestFileGrants.of(JDBC, "post/" + post)).isEmpty();
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        Map<String, Object> post = postRow();
        List<Map<String, Object>> comments = commentRows();

        events.redeliver(0);
        events.redeliver(1);
        assertThat(postRow()).isEqualTo(post);
        events.replay();
        assertThat(postRow()).isEqualTo(post);
        assertThat(commentRows()).isEqualTo(comments);
    }

    private Map<String, Object> postRow() {
        return JDBC.sql("SELECT * FROM community_post WHERE post_id = :id").param("id", post).query().singleRow();
    }

    private List<Map<String, Object>> commentRows() {
        return JDBC.sql("SELECT * FROM community_comment WHERE post_id = :id ORDER BY comment_id")
                   .param("id", post).query().listOfRows();
    }
}
