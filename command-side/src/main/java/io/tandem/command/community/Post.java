package io.tandem.command.community;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.community.CommunityCommands;
import io.tandem.api.community.CommunityCommands.CreatePostCommand;
import io.tandem.api.community.CommunityCommands.DeletePostCommand;
import io.tandem.api.community.CommunityCommands.EditPostCommand;
import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.community.CommunityEvents.PostDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostEditedEvent;
import io.tandem.command.file.FileOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A date course shared with the community. Only its author changes or deletes it; a deleted post is gone for
 * everyone, commenting included. Its comments are aggregates of their own ({@link Comment}), so a long thread never
 * makes the post slow to load.
 */
@Aggregate(cache = "aggregateCache")
class Post {

    @AggregateIdentifier
    private String aggregateId;
    private String postId;
    private String authorId;
    private String title;
    private String content;
    private List<String> imageFileIds;
    private boolean deleted;

    Post() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Post(CreatePostCommand command, FileOwnership files) {
        List<String> images = distinct(command.imageFileIds());
        requireOwnImages(files, command.authorId(), images, List.of());
        apply(new PostCreatedEvent(command.postId(), command.authorId(), command.title(), command.content(), images));
    }

    @CommandHandler
    void handle(EditPostCommand command, FileOwnership files) {
        requireAuthor(command.requesterId());
        List<String> images = command.imageFileIds() == null ? imageFileIds : distinct(command.imageFileIds());
        requireOwnImages(files, authorId, images, imageFileIds);
        String newTitle = Objects.requireNonNullElse(command.title(), title);
        String newContent = Objects.requireNonNullElse(command.content(), content);
        if (newTitle.equals(title) && newContent.equals(content) && images.equals(imageFileIds)) {
            return;
        }
        apply(new PostEditedEvent(postId, authorId, newTitle, newContent, images));
    }

    @CommandHandler
    void handle(DeletePostCommand command) {
        requireAuthor(command.requesterId());
        apply(new PostDeletedEvent(postId, authorId));
    }

    /** Who is told about a new comment; a deleted post takes none. Called by {@link CommentPosting}. */
    String authorForComment() {
        requireExists();
        return authorId;
    }

    private void requireAuthor(String requesterId) {
        requireExists();
        if (!authorId.equals(requesterId)) {
            throw new RejectedException(Rejection.forbidden("not_post_author", "Only the post's author may do that."));
        }
    }

    /** Every post has a title, so one that reads as null belongs to an erased author: it is gone like a deleted one. */
    private void requireExists() {
        if (deleted || title == null) {
            throw new RejectedException(Rejection.notFound("post_not_found", "No such post."));
        }
    }

    /** Images already on the post stay, even if their file has since been deleted; new ones must be the author's. */
    private static void requireOwnImages(FileOwnership files, String authorId, List<String> images,
                                         List<String> alreadyAttached) {
        if (images.size() > CommunityCommands.MAX_IMAGES) {
            throw new RejectedException(Rejection.invalid(
                    "too_many_images", "A post has at most " + CommunityCommands.MAX_IMAGES + " images."));
        }
        for (String fileId : images) {
            if (!alreadyAttached.contains(fileId) && !files.isImageOf(authorId, fileId)) {
                throw new RejectedException(Rejection.invalid(
                        "invalid_image", "image_file_ids: " + fileId + " is not an image you uploaded."));
            }
        }
    }

    private static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    @EventSourcingHandler
    void on(PostCreatedEvent event) {
        aggregateId = CommunityCommands.postAggregateId(event.postId());
        postId = event.postId();
        authorId = event.authorId();
        title = event.title();
        content = event.content();
        imageFileIds = List.copyOf(event.imageFileIds());
    }

    @EventSourcingHandler
    void on(PostEditedEvent event) {
        title = event.title();
        content = event.content();
        imageFileIds = List.copyOf(event.imageFileIds());
    }

    @EventSourcingHandler
    void on(PostDeletedEvent event) {
        deleted = true;
    }
}
