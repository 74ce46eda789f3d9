package io.tandem.api.community;

import java.util.List;

public final class CommunityEvents {

    private CommunityEvents() {
    }

    public record PostCreatedEvent(String postId, String authorId, String title, String content,
                                   List<String> imageFileIds) {
    }

    /** The post as it is after the edit, every field. */
    public record PostEditedEvent(String postId, String authorId, String title, String content,
                                  List<String> imageFileIds) {
    }

    public record PostDeletedEvent(String postId, String authorId) {
    }

    /** {@code postAuthorId} is who wrote the post, to be told about the comment. */
    public record CommentAddedEvent(String commentId, String postId, String authorId, String postAuthorId,
                                    String content) {
    }

    public record CommentDeletedEvent(String commentId, String postId, String authorId) {
    }
}
