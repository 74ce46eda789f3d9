package io.tandem.command.community;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.community.CommunityCommands;
import io.tandem.api.community.CommunityCommands.AddCommentCommand;
import io.tandem.api.community.CommunityCommands.DeleteCommentCommand;
import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.community.CommunityEvents.CommentDeletedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A comment on a post; added by {@link CommentPosting}, which checks the post and learns its author. */
@Aggregate(cache = "aggregateCache")
class Comment {

    @AggregateIdentifier
    private String aggregateId;
    private String commentId;
    private String postId;
    private String authorId;
    private boolean deleted;

    Comment() {
        // required by Axon to rebuild the aggregate from its events
    }

    static Comment add(AddCommentCommand command, String postAuthorId) {
        Comment comment = new Comment();
        apply(new CommentAddedEvent(command.commentId(), command.postId(), command.authorId(), postAuthorId,
                                    command.content()));
        return comment;
    }

    @CommandHandler
    void handle(DeleteCommentCommand command) {
        if (deleted) {
            throw new RejectedException(Rejection.notFound("comment_not_found", "No such comment."));
        }
        if (!authorId.equals(command.requesterId())) {
            throw new RejectedException(Rejection.forbidden("not_comment_author",
                                                            "Only the comment's author may delete it."));
        }
        apply(new CommentDeletedEvent(commentId, postId, authorId));
    }

    @EventSourcingHandler
    void on(CommentAddedEvent event) {
        aggregateId = CommunityCommands.commentAggregateId(event.commentId());
        commentId = event.commentId();
        postId = event.postId();
        authorId = event.authorId();
    }

    @EventSourcingHandler
    void on(CommentDeletedEvent event) {
        deleted = true;
    }
}
