package io.tandem.query.community;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.Rejection;
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
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.paging.Cursor;
import io.tandem.platform.jdbc.JsonColumns;
import io.tandem.query.file.FileGrants;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Posts by id and their comment threads in PostgreSQL. Events of one post, or of one comment, arrive in order (the
 * aggregate is the processor's sequencing key); each handler changes a row only for an event newer than its
 * {@code last_sequence}, so re-delivered and replayed events give the same rows. Deleted posts and comments stay as
 * emptied tombstones, answering like unknown ones; so do an erased author's, whose texts read as null on replay.
 */
@Component
@ProcessingGroup(CommunityProjection.PROCESSING_GROUP)
class CommunityProjection {

    static final String PROCESSING_GROUP = ReadModels.COMMUNITY;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private static final RowMapper<PostView> POST = (rs, row) -> new PostView(
            rs.getString("post_id"), rs.getString("author_id"), rs.getString("title"), rs.getString("content"),
            JsonColumns.read(rs.getString("image_file_ids"), STRINGS), rs.getLong("comment_count"),
            instant(rs, "created_at"),
            instant(rs, "edited_at"));

    private static final RowMapper<CommentView> COMMENT = (rs, row) -> new CommentView(
            rs.getString("comment_id"), rs.getString("post_id"), rs.getString("author_id"), rs.getString("content"),
            instant(rs, "created_at"));

    private static final String GRANT_PREFIX = "post/";

    private final JdbcClient jdbc;
    private final FileGrants grants;

    CommunityProjection(JdbcClient jdbc, FileGrants grants) {
        this.jdbc = jdbc;
        this.grants = grants;
    }

    /** A post's photos are for every signed-in user to see, as long as the post shows them. */
    private static String grantSource(String postId) {
        return GRANT_PREFIX + postId;
    }

    @EventHandler
    void on(PostCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        if (event.title() == null) {
            tombstone(event.postId(), event.authorId(), occurredAt, sequence); // every post has a title: erased
            return;
        }
        int created = jdbc.sql("""
                 INSERT INTO community_post (post_id, author_id, title, content, image_file_ids, created_at,
                                             last_sequence)
                 VALUES (:postId, :authorId, :title, :content, CAST(:images AS JSONB), :createdAt, :sequence)
                 ON CONFLICT (post_id) DO NOTHING
                 """)
            .param("postId", event.postId())
            .param("authorId", event.authorId())
            .param("title", event.title())
            .param("content", event.content())
            .param("images", JsonColumns.write(event.imageFileIds()))
            .param("createdAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
        if (created == 1) {
            grants.replace(grantSource(event.postId()), event.imageFileIds(), FileGrants.EVERYONE);
        }
    }

    @EventHandler
    void on(PostEditedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        if (event.title() == null) {
            return; // the author was erased: the post is a tombstone already, or becomes one with the erasure
        }
        int edited = jdbc.sql("""
                 UPDATE community_post SET title = :title, content = :content,
                                           image_file_ids = CAST(:images AS JSONB), edited_at = :editedAt,
                                           last_sequence = :sequence
                 WHERE post_id = :postId AND last_sequence < :sequence
                 """)
            .param("title", event.title())
            .param("content", event.content())
            .param("images", JsonColumns.write(event.imageFileIds()))
            .param("editedAt", utc(occurredAt))
            .param("sequence", sequence)
            .param("postId", event.postId())
            .update();
        if (edited == 1) {
            grants.replace(grantSource(event.postId()), event.imageFileIds(), FileGrants.EVERYONE);
        }
    }

    @EventHandler
    void on(PostDeletedEvent event, @SequenceNumber long sequence) {
        grants.revoke(grantSource(event.postId()));
        jdbc.sql("""
                 UPDATE community_post SET deleted = TRUE, title = '', content = '', image_file_ids = '[]',
                                           last_sequence = :sequence
                 WHERE post_id = :postId AND last_sequence < :sequence
                 """)
            .param("sequence", sequence)
            .param("postId", event.postId())
            .update();
    }

    /** A comment whose text reads as null has an erased author: it is stored deleted, as the erasure left it. */
    @EventHandler
    void on(CommentAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO community_comment (comment_id, post_id, author_id, content, created_at, deleted,
                                                last_sequence)
                 VALUES (:commentId, :postId, :authorId, :content, :createdAt, :deleted, :sequence)
                 ON CONFLICT (comment_id) DO NOTHING
                 """)
            .param("commentId", event.commentId())
            .param("postId", event.postId())
            .param("authorId", event.authorId())
            .param("content", event.content() == null ? "" : event.content())
            .param("deleted", event.content() == null)
            .param("createdAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(CommentDeletedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                 UPDATE community_comment SET deleted = TRUE, content = '', last_sequence = :sequence
                 WHERE comment_id = :commentId AND last_sequence < :sequence
                 """)
            .param("sequence", sequence)
            .param("commentId", event.commentId())
            .update();
    }

    /**
     * An erased author's posts and comments go as if they had deleted them, photos included (their files are
     * deleted too), so nothing they wrote stays readable.
     */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("SELECT post_id FROM community_post WHERE author_id = :authorId AND NOT deleted")
            .param("authorId", event.userId())
            .query(String.class)
            .list()
            .forEach(postId -> grants.revoke(grantSource(postId)));
        jdbc.sql("""
                 UPDATE community_post SET deleted = TRUE, title = '', content = '', image_file_ids = '[]'
                 WHERE author_id = :authorId
                 """)
            .param("authorId", event.userId())
            .update();
        jdbc.sql("UPDATE community_comment SET deleted = TRUE, content = '' WHERE author_id = :authorId")
            .param("authorId", event.userId())
            .update();
    }

    @ResetHandler
    void reset() {
        grants.revokeAll(GRANT_PREFIX);
        jdbc.sql("DELETE FROM community_comment").update();
        jdbc.sql("DELETE FROM community_post").update();
    }

    @QueryHandler
    PostView handle(FindPostQuery query) {
        return jdbc.sql("""
                        SELECT p.*, (SELECT count(*) FROM community_comment c
                                     WHERE c.post_id = p.post_id AND NOT c.deleted) AS comment_count
                        FROM community_post p
                        WHERE p.post_id = :postId AND NOT p.deleted
                        """)
                   .param("postId", query.postId())
                   .query(POST)
                   .optional()
                   .orElseThrow(CommunityProjection::postNotFound);
    }

    /** Oldest first; the cursor is the (created_at, comment_id) of the last comment handed out. */
    @QueryHandler
    CommentPage handle(ListCommentsQuery query) {
        boolean postExists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM community_post WHERE post_id = :postId "
                                      + "AND NOT deleted)")
                                 .param("postId", query.postId())
                                 .query(Boolean.class).single();
        if (!postExists) {
            throw postNotFound();
        }
        Cursor after = query.page().after(2);
        String keyset = after == null ? "" : "AND (created_at, comment_id) > (:afterAt, :afterId)";
        JdbcClient.StatementSpec statement = jdbc.sql("""
                                                      SELECT * FROM community_comment
                                                      WHERE post_id = :postId AND NOT deleted %s
                                                      ORDER BY created_at, comment_id
                                                      LIMIT :limit
                                                      """.formatted(keyset))
                                                 .param("postId", query.postId())
                                                 .param("limit", query.page().probeSize());
        if (after != null) {
            statement = statement.param("afterAt", utc(after.instant(0)))
                                 .param("afterId", after.value(1));
        }
        List<CommentView> comments = statement.query(COMMENT).list();
        int size = query.page().size();
        List<CommentView> shown = comments.subList(0, Math.min(size, comments.size()));
        String nextCursor = comments.size() > size
                ? Cursor.of(shown.get(size - 1).createdAt(), shown.get(size - 1).commentId()).encode() : null;
        return new CommentPage(List.copyOf(shown), size, nextCursor);
    }

    private void tombstone(String postId, String authorId, Instant createdAt, long sequence) {
        jdbc.sql("""
                 INSERT INTO community_post (post_id, author_id, title, content, image_file_ids, created_at, deleted,
                                             last_sequence)
                 VALUES (:postId, :authorId, '', '', '[]', :createdAt, TRUE, :sequence)
                 ON CONFLICT (post_id) DO NOTHING
                 """)
            .param("postId", postId)
            .param("authorId", authorId)
            .param("createdAt", utc(createdAt))
            .param("sequence", sequence)
            .update();
    }

    private static RejectedException postNotFound() {
        return new RejectedException(Rejection.notFound("post_not_found", "No such post."));
    }
}
