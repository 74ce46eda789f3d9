package io.tandem.command.community;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.community.CommunityCommands;
import io.tandem.api.community.CommunityCommands.AddCommentCommand;
import io.tandem.api.community.CommunityCommands.CreatePostCommand;
import io.tandem.api.community.CommunityCommands.DeleteCommentCommand;
import io.tandem.api.community.CommunityCommands.DeletePostCommand;
import io.tandem.api.community.CommunityCommands.EditPostCommand;
import io.tandem.api.consistency.ReadModels;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Posts and comments any signed-in user may write; only their authors change or delete them. */
@RestController
@Tag(name = "Community")
class CommunityController {

    private static final String NOT_BLANK = "(?s).*\\S.*";

    private final CommandGateway commands;
    private final ReadYourWrites writes;

    CommunityController(CommandGateway commands, ReadYourWrites writes) {
        this.commands = commands;
        this.writes = writes;
    }

    @PostMapping("/api/post")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Share a date course: a title, text and up to 10 of your uploaded images")
    ResponseEntity<CreatedPost> create(@Valid @RequestBody PostRequest request) {
        String postId = UUID.randomUUID().toString();
        send(new CreatePostCommand(postId, CurrentUser.id(), request.title().strip(),
                                   request.content() == null ? "" : request.content().strip(),
                                   ids(request.imageFileIds())));
        return ResponseEntity.created(URI.create("/api/post/" + postId)).body(new CreatedPost(postId));
    }

    @PatchMapping("/api/post/{post_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your post; fields left out stay as they are")
    void edit(@PathVariable("post_id") String postId, @Valid @RequestBody PostChange change) {
        String id = postId(postId);
        onPost(() -> send(new EditPostCommand(
                id, CurrentUser.id(), change.title() == null ? null : change.title().strip(),
                change.content() == null ? null : change.content().strip(), ids(change.imageFileIds()))));
    }

    @DeleteMapping("/api/post/{post_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete your post")
    void delete(@PathVariable("post_id") String postId) {
        String id = postId(postId);
        onPost(() -> send(new DeletePostCommand(id, CurrentUser.id())));
    }

    @PostMapping("/api/post/{post_id}/comment")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a post; its author is notified")
    ResponseEntity<CreatedComment> comment(@PathVariable("post_id") String postId,
                                           @Valid @RequestBody CommentRequest request) {
        String id = postId(postId);
        String commentId = UUID.randomUUID().toString();
        onPost(() -> send(new AddCommentCommand(commentId, id, CurrentUser.id(), request.content().strip())));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedComment(commentId, id));
    }

    @DeleteMapping("/api/comment/{comment_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete your comment")
    void deleteComment(@PathVariable("comment_id") String commentId) {
        String id = uuid(commentId).orElseThrow(CommunityController::commentNotFound);
        try {
            send(new DeleteCommentCommand(id, CurrentUser.id()));
        } catch (RuntimeException failure) {
            throw Rejections.isNotFound(failure) ? commentNotFound() : failure;
        }
    }

    /**
     * Answers once posts and comments (PostgreSQL) show the change; the list and its search come from
     * Elasticsearch, which makes a change searchable within its refresh interval (1 s).
     */
    private <R> R send(Object command) {
        return writes.write(() -> commands.sendAndWait(command), ReadModels.COMMUNITY);
    }

    private static String postId(String raw) {
        return uuid(raw).orElseThrow(CommunityController::postNotFound);
    }

    /** Ids are UUIDs; anything else names nothing. */
    private static Optional<String> uuid(String raw) {
        try {
            return Optional.of(UUID.fromString(raw).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An unknown post answers like a deleted one, with the same code. */
    private static void onPost(Supplier<Object> command) {
        try {
            command.get();
        } catch (RuntimeException failure) {
            throw Rejections.isNotFound(failure) ? postNotFound() : failure;
        }
    }

    private static List<String> ids(List<UUID> ids) {
        return ids == null ? null : ids.stream().map(UUID::toString).toList();
    }

    private static RejectedException postNotFound() {
        return new RejectedException(Rejection.notFound("post_not_found", "No such post."));
    }

    private static RejectedException commentNotFound() {
        return new RejectedException(Rejection.notFound("comment_not_found", "No such comment."));
    }

    record PostRequest(@NotBlank @Size(max = CommunityCommands.MAX_TITLE) String title,
                       @Size(max = CommunityCommands.MAX_CONTENT) String content,
                       @Size(max = CommunityCommands.MAX_IMAGES) List<@NotNull UUID> imageFileIds) {
    }

    record PostChange(@Pattern(regexp = NOT_BLANK, message = "must not be blank")
                      @Size(max = CommunityCommands.MAX_TITLE) String title,
                      @Size(max = CommunityCommands.MAX_CONTENT) String content,
                      @Size(max = CommunityCommands.MAX_IMAGES) List<@NotNull UUID> imageFileIds) {
    }

    record CommentRequest(@NotBlank @Size(max = CommunityCommands.MAX_COMMENT) String content) {
    }

    record CreatedPost(String postId) {
    }

    record CreatedComment(String commentId, String postId) {
    }
}
