package io.tandem.query.community;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.community.CommunityQueries.CommentPage;
import io.tandem.api.community.CommunityQueries.FindPostQuery;
import io.tandem.api.community.CommunityQueries.ListCommentsQuery;
import io.tandem.api.community.CommunityQueries.ListPostsQuery;
import io.tandem.api.community.CommunityQueries.PostPage;
import io.tandem.api.community.CommunityQueries.PostView;
import io.tandem.api.paging.PageRequest;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The community as every signed-in user reads it. */
@RestController
@Tag(name = "Community")
class CommunityQueryController {

    private final QueryGateway queries;

    CommunityQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/post")
    @Operation(summary = "Posts newest first, or with q those whose title or text match, best first; "
                         + "by page (with total) or by cursor (next_cursor)")
    PostPage list(@Parameter(example = "카페") @RequestParam(required = false) @Size(max = 100) String q,
                  @RequestParam(required = false) Integer page,
                  @RequestParam(required = false) String cursor,
                  @RequestParam(required = false) Integer size) {
        String text = q == null || q.isBlank() ? null : q.strip();
        return queries.query(new ListPostsQuery(text, PageRequest.of(page, cursor, size)), PostPage.class).join();
    }

    @GetMapping("/api/post/{post_id}")
    @Operation(summary = "One post with its comment count")
    PostView one(@PathVariable("post_id") String postId) {
        return queries.query(new FindPostQuery(postId(postId)), PostView.class).join();
    }

    @GetMapping("/api/post/{post_id}/comments")
    @Operation(summary = "A post's comments, oldest first, by cursor")
    CommentPage comments(@PathVariable("post_id") String postId,
                         @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) Integer size) {
        if (page != null) {
            throw new RejectedException(Rejection.invalid("invalid_paging",
                                                          "Comments are listed by cursor, not by page."));
        }
        return queries.query(new ListCommentsQuery(postId(postId), PageRequest.cursorOnly(cursor, size)),
                             CommentPage.class).join();
    }

    /** Post ids are UUIDs; anything else names no post. */
    private static String postId(String raw) {
        try {
            return UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            throw new RejectedException(Rejection.notFound("post_not_found", "No such post."));
        }
    }
}
