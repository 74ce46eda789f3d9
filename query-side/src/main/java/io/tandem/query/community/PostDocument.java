package io.tandem.query.community;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.community.CommunityEvents.PostEditedEvent;
import io.tandem.api.community.CommunityQueries.PostView;

import java.time.Instant;
import java.util.List;

/**
 * One post in the search index ({@link PostIndex#PROPERTIES}): everything a {@link PostView} shows but its comments.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PostDocument(String postId, String authorId, String title, String content, List<String> imageFileIds,
                    Instant createdAt, Instant editedAt) {

    static PostDocument created(PostCreatedEvent event, Instant createdAt) {
        return new PostDocument(event.postId(), event.authorId(), event.title(), event.content(),
                                event.imageFileIds(), createdAt, null);
    }

    PostDocument edited(PostEditedEvent event, Instant editedAt) {
        return new PostDocument(postId, authorId, event.title(), event.content(), event.imageFileIds(), createdAt,
                                editedAt);
    }

    PostView toView(long commentCount) {
        return new PostView(postId, authorId, title, content, imageFileIds == null ? List.of() : imageFileIds,
                            commentCount, createdAt, editedAt);
    }
}
