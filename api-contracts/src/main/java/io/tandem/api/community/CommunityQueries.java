package io.tandem.api.community;

import io.tandem.api.paging.PageRequest;

import java.time.Instant;
import java.util.List;

public final class CommunityQueries {

    private CommunityQueries() {
    }

    /**
     * Posts newest first, or, with {@code text}, those whose title or content matches it, best match first and
     * then newest. By page (with the total) or by cursor.
     */
    public record ListPostsQuery(String text, PageRequest page) {
    }

    /** Unknown and deleted posts: NOT_FOUND. */
    public record FindPostQuery(String postId) {
    }

    /** Oldest first, by cursor; an unknown or deleted post: NOT_FOUND. */
    public record ListCommentsQuery(String postId, PageRequest page) {
    }

    public record PostView(String postId, String authorId, String title, String content, List<String> imageFileIds,
                           long commentCount, Instant createdAt, Instant editedAt) {
    }

    /** {@code total} and {@code page} only when asked by page; {@code nextCursor} while more posts follow. */
    public record PostPage(List<PostView> items, Long total, Integer page, int size, String nextCursor) {
    }

    public record CommentView(String commentId, String postId, String authorId, String content, Instant createdAt) {
    }

    public record CommentPage(List<CommentView> items, int size, String nextCursor) {
    }
}
