package io.tandem.command.community;

import io.tandem.api.community.CommunityCommands;
import io.tandem.api.community.CommunityCommands.AddCommentCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Adds a comment to a post that exists and is not deleted, in the unit of work that read the post, and records
 * whom to tell. The post is only read: its event stream does not grow with its thread.
 */
@Component
class CommentPosting {

    private final Repository<Post> posts;
    private final Repository<Comment> comments;

    CommentPosting(Repository<Post> posts, Repository<Comment> comments) {
        this.posts = posts;
        this.comments = comments;
    }

    @CommandHandler
    String handle(AddCommentCommand command) throws Exception {
        String postAuthorId = posts.load(CommunityCommands.postAggregateId(command.postId()))
                                   .invoke(Post::authorForComment);
        comments.newInstance(() -> Comment.add(command, postAuthorId));
        return command.commentId();
    }
}
