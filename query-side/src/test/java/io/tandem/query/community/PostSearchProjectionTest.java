package io.tandem.query.community;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.community.CommunityEvents.PostDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostEditedEvent;
import io.tandem.api.community.CommunityQueries.ListPostsQuery;
import io.tandem.api.community.CommunityQueries.PostView;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.paging.PageRequest;
import io.tandem.query.ProjectionHarness;
import io.tandem.query.file.TestFileGrants;
import io.tandem.testsupport.SharedElasticsearch;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posts in Elasticsearch, written by {@link PostSearchProjection} into a real in-JVM node, with comment counts from
 * the comment rows in PostgreSQL: events in, documents and list answers out, and a replay gives the same answers.
 */
class PostSearchProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();
    private static final ElasticsearchClient SEARCH = new ElasticsearchClient(new RestClientTransport(
            RestClient.builder(HttpHost.create(SharedElasticsearch.httpUrl())).build(),
            new JacksonJsonpMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                                                     .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                                     .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))));

    /** An index of each test's own: what one test writes, another never lists. */
    private final String alias = "test-posts-" + UUID.randomUUID();
    private final PostSearchProjection projection = new PostSearchProjection(new PostIndex(SEARCH, alias),
                                                                             new CommentCounts(JDBC));
    private final ProjectionHarness events = new ProjectionHarness(
            projection, new CommunityProjection(JDBC, TestFileGrants.over(JDBC)));
    private final String author = UUID.randomUUID().toString();
    private final String jeju = UUID.randomUUID().toString();
    private final String busan = UUID.randomUUID().toString();

    @Test
    void postsAreListedNewestFirstWithTheirCommentCounts() throws IOException {
        events.publish(jeju, new PostCreatedEvent(jeju, author, "Jeju in spring", "canola fields", List.of()));
        events.publish(busan, new PostCreatedEvent(busan, author, "Busan by night", "Gwangalli bridge", List.of()));
        String comment = UUID.randomUUID().toString();
        events.publish(comment, new CommentAddedEvent(comment, jeju, UUID.randomUUID().toString(), author, "nice"));

        List<PostView> listed = list(null);

        assertThat(listed).extracting(PostView::postId).containsExactly(busan, jeju);
        assertThat(listed.get(1)).satisfies(post -> {
            assertThat(post.title()).isEqualTo("Jeju in spring");
            assertThat(post.authorId()).isEqualTo(author);
            assertThat(post.commentCount()).isEqualTo(1);
            assertThat(post.editedAt()).isNull();
        });
    }

    @Test
    void anEditIsSearchedByItsNewWordsAndKeepsWhenThePostWasWritten() throws IOException {
        events.publish(jeju, new PostCreatedEvent(jeju, author, "Jeju in spring", "canola fields", List.of()));
        PostView created = list(null).get(0);
        events.publish(jeju, new PostEditedEvent(jeju, author, "Jeju in April", "tangerine orchards", List.of()));

        assertThat(list("tangerine")).singleElement().satisfies(post -> {
            assertThat(post.title()).isEqualTo("Jeju in April");
            assertThat(post.createdAt()).isEqualTo(created.createdAt());
            assertThat(post.editedAt()).isEqualTo(events.lastTimestamp());
        });
        assertThat(list("canola")).isEmpty();
    }

    @Test
    void aDeletedPostAnEditReadingAsErasedAndAnErasedAuthorsPostsLeaveTheIndex() throws IOException {
        String other = UUID.randomUUID().toString();
        String othersPost = UUID.randomUUID().toString();
        events.publish(jeju, new PostCreatedEvent(jeju, author, "Jeju in spring", "canola fields", List.of()));
        events.publish(busan, new PostCreatedEvent(busan, author, "Busan by night", "Gwangalli bridge", List.of()));
        events.publish(othersPost, new PostCreatedEvent(othersPost, other, "Seoul", "Han river", List.of()));

        events.publish(jeju, new PostDeletedEvent(jeju, author));
        assertThat(list(null)).extracting(PostView::postId).containsExactly(othersPost, busan);

        events.publish(othersPost, new PostEditedEvent(othersPost, other, null, null, null));
        assertThat(list(null)).extracting(PostView::postId).containsExactly(busan);

        events.publish(author, new UserErasedEvent(author));
        assertThat(list(null)).isEmpty();
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameDocuments() throws IOException {
        events.publish(jeju, new PostCreatedEvent(jeju, author, "Jeju in spring", "canola fields", List.of()));
        events.publish(jeju, new PostEditedEvent(jeju, author, "Jeju in April", "tangerine orchards", List.of()));
        events.publish(busan, new PostCreatedEvent(busan, author, "Busan by night", "Gwangalli bridge", List.of()));
        events.publish(busan, new PostDeletedEvent(busan, author));
        List<PostView> before = list(null);
        assertThat(before).extracting(PostView::title).containsExactly("Jeju in April");

        events.redeliver(0);
        events.redeliver(2);
        assertThat(list(null)).as("an older version never overwrites a newer one").isEqualTo(before);
        events.replay();
        assertThat(list(null)).isEqualTo(before);
    }

    /** Every post matching, once what was written is searchable. */
    private List<PostView> list(String text) throws IOException {
        SEARCH.indices().refresh(refresh -> refresh.index(alias));
        return projection.handle(new ListPostsQuery(text, PageRequest.of(0, null, 100))).items();
    }
}
