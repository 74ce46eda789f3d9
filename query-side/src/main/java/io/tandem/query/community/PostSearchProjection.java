package io.tandem.query.community;

import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.community.CommunityEvents.PostDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostEditedEvent;
import io.tandem.api.community.CommunityQueries.ListPostsQuery;
import io.tandem.api.community.CommunityQueries.PostPage;
import io.tandem.api.community.CommunityQueries.PostView;
import io.tandem.api.consistency.ReadModels;
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
import java.util.Map;

/**
 * Posts in Elasticsearch ({@link PostIndex}), for the list and its search. A post's events arrive in order (the post
 * is the processor's sequencing key); each writes the document with the event's sequence number as its version, so
 * re-deliveries and replays give the same documents. A deleted post leaves the index, and so does every post of an
 * erased author (whose titles read as null on replay). New documents become searchable within
 * {@link PostIndex#REFRESH_INTERVAL}.
 * <p>
 * A reset replaces the index by an empty one before the replay refills it: the list shows fewer posts until the
 * replay catches up.
 */
@Component
@ProcessingGroup(PostSearchProjection.PROCESSING_GROUP)
class PostSearchProjection {

    static final String PROCESSING_GROUP = ReadModels.COMMUNITY_SEARCH;

    private final PostIndex index;
    private final CommentCounts commentCounts;

    PostSearchProjection(PostIndex index, CommentCounts commentCounts) {
        this.index = index;
        this.commentCounts = commentCounts;
    }

    @EventHandler
    void on(PostCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        if (event.title() != null) {
            index.put(PostDocument.created(event, occurredAt), sequence);
        }
    }

    @EventHandler
    void on(PostEditedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        if (event.title() == null) {
            index.delete(event.postId(), sequence);
            return;
        }
        index.get(event.postId())
             .filter(stored -> stored.version() < sequence)
             .ifPresent(stored -> index.put(stored.document().edited(event, occurredAt), sequence));
    }

    @EventHandler
    void on(PostDeletedEvent event, @SequenceNumber long sequence) {
        index.delete(event.postId(), sequence);
    }

    @EventHandler
    void on(UserErasedEvent event) {
        index.removePostsOf(event.userId());
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    /** Comment counts come from the comment rows, so they are as fresh as the comments themselves. */
    @QueryHandler
    PostPage handle(ListPostsQuery query) {
        PostIndex.Slice slice = index.search(query.text(), query.page());
        Map<String, Long> counts = commentCounts.of(slice.documents().stream().map(PostDocument::postId).toList());
        List<PostView> posts = slice.documents().stream()
                                    .map(document -> document.toView(counts.getOrDefault(document.postId(), 0L)))
                                    .toList();
        return new PostPage(posts, slice.total(), query.page().page(), query.page().size(), slice.nextCursor());
    }
}
