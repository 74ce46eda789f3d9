package io.tandem.api.community;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public final class CommunityCommands {

    public static final int MAX_TITLE = 100;
    public static final int MAX_CONTENT = 5000;
    public static final int MAX_COMMENT = 1000;
    public static final int MAX_IMAGES = 10;

    private CommunityCommands() {
    }

    /**
     * Posts and comments are stored under ids of their own kind ({@code post:…}, {@code comment:…}) while clients
     * see plain ids. Every aggregate shares one event store and one aggregate cache keyed by id, so a comment's id
     * sent where a post's is expected (or any other aggregate's id) would otherwise load the wrong kind of aggregate
     * and fail with a server error; with its own kind of id it is simply not found.
     */
    public static String postAggregateId(String postId) {
        return "post:" + postId;
    }

    public static String commentAggregateId(String commentId) {
        return "comment:" + commentId;
    }

    /** Images are ids of files the author uploaded; a file of someone else's, or one that is not an image, is refused. */
    public record CreatePostCommand(String postId, String authorId, String title, String content,
                                    List<String> imageFileIds) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return postAggregateId(postId);
        }
    }

    /** Only the author may edit; a null field stays as it is. */
    public record EditPostCommand(String postId, String requesterId, String title, String content,
                                  List<String> imageFileIds) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return postAggregateId(postId);
        }
    }

    public record DeletePostCommand(String postId, String requesterId) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return postAggregateId(postId);
        }
    }

    /** On a post that exists and is not deleted; the post's author is told, unless they wrote the comment. */
    public record AddCommentCommand(String commentId, String postId, String authorId, String content) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return commentAggregateId(commentId);
        }
    }

    public record DeleteCommentCommand(String commentId, String requesterId) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return commentAggregateId(commentId);
        }
    }
}
