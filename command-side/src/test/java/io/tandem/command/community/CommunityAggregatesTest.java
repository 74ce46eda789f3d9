package io.tandem.command.community;

import io.tandem.api.RejectedException;
import io.tandem.api.community.CommunityCommands;
import io.tandem.api.community.CommunityCommands.AddCommentCommand;
import io.tandem.api.community.CommunityCommands.CreatePostCommand;
import io.tandem.api.community.CommunityCommands.DeleteCommentCommand;
import io.tandem.api.community.CommunityCommands.DeletePostCommand;
import io.tandem.api.community.CommunityCommands.EditPostCommand;
import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.community.CommunityEvents.CommentDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.community.CommunityEvents.PostDeletedEvent;
import io.tandem.api.community.CommunityEvents.PostEditedEvent;
import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import io.tandem.command.file.FileOwnership;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

class CommunityAggregatesTest {

    private static final String POST = "post-1";
    private static final String AUTHOR = "author-1";
    private static final String OTHER = "someone-else";
    private static final PostCreatedEvent CREATED = new PostCreatedEvent(POST, AUTHOR, "성수동 카페 데이트 코스",
                                                                         "카페에서 시작해요", List.of("img-1"));

    @Nested
    class Posts {

        private final AggregateTestFixture<Post> fixture = new AggregateTestFixture<>(Post.class);
        /** The files' events, which FileOwnership reads: the author's images, a PDF, someone else's and a deleted one. */
        private final EmbeddedEventStore fileEvents =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

        Posts() {
            file("img-1", AUTHOR, "image/png");
            file("img-2", AUTHOR, "image/jpeg");
            file("doc-1", AUTHOR, "application/pdf");
            file("theirs", OTHER, "image/png");
            file("gone", AUTHOR, "image/png", new FileDeletedEvent("gone", AUTHOR, "files/gone"));
            fixture.registerInjectableResource(new FileOwnership(fileEvents));
        }

        private void file(String fileId, String ownerId, String contentType, Object... later) {
            fileEvents.publish(new GenericDomainEventMessage<>(
                    "StoredFile", fileId, 0, new FileRegisteredEvent(fileId, ownerId, fileId, contentType, 10,
                                                                     "sha", "files/" + fileId)));
            for (int i = 0; i < later.length; i++) {
                fileEvents.publish(new GenericDomainEventMessage<>("StoredFile", fileId, i + 1, later[i]));
            }
        }

        @Test
        void aPostKeepsItsAuthorsImagesOnceEach() {
            fixture.givenNoPriorActivity()
                   .when(new CreatePostCommand(POST, AUTHOR, "성수동 카페 데이트 코스", "카페에서 시작해요",
                                               List.of("img-1", "img-2", "img-1")))
                   .expectEvents(new PostCreatedEvent(POST, AUTHOR, "성수동 카페 데이트 코스", "카페에서 시작해요",
                                                      List.of("img-1", "img-2")));
        }

        @Test
        void onlyImagesTheAuthorUploadedAndStillHasAreAccepted() {
            for (String refused : List.of("theirs", "doc-1", "gone", "no-such-file", "post:" + POST)) {
                fixture.givenNoPriorActivity()
                       .when(new CreatePostCommand(POST, AUTHOR, "title", "", List.of("img-1", refused)))
                       .expectNoEvents()
                       .expectException(RejectedException.class)
                       .expectExceptionMessage("image_file_ids: " + refused + " is not an image you uploaded.");
            }
            List<String> eleven = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
            fixture.givenNoPriorActivity()
                   .when(new CreatePostCommand(POST, AUTHOR, "title", "", eleven))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("A post has at most " + CommunityCommands.MAX_IMAGES + " images.");
        }

        @Test
        void anEditChangesWhatItNamesAndKeepsTheRest() {
            fixture.given(CREATED)
                   .when(new EditPostCommand(POST, AUTHOR, "연남동 코스", null, null))
                   .expectEvents(new PostEditedEvent(POST, AUTHOR, "연남동 코스", "카페에서 시작해요",
                                                     List.of("img-1")));
            fixture.given(CREATED)
                   .when(new EditPostCommand(POST, AUTHOR, null, "새 내용", List.of("img-2")))
                   .expectEvents(new PostEditedEvent(POST, AUTHOR, "성수동 카페 데이트 코스", "새 내용",
                                                     List.of("img-2")));
            fixture.given(CREATED)
                   .when(new EditPostCommand(POST, AUTHOR, "성수동 카페 데이트 코스", null, List.of("img-1")))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void anImageAlreadyOnThePostStaysEvenAfterItsFileIsDeleted() {
            PostCreatedEvent withGone = new PostCreatedEvent(POST, AUTHOR, "t", "c", List.of("gone"));
            fixture.given(withGone)
                   .when(new EditPostCommand(POST, AUTHOR, "t2", null, List.of("gone", "img-2")))
                   .expectEvents(new PostEditedEvent(POST, AUTHOR, "t2", "c", List.of("gone", "img-2")));
        }

        @Test
        void onlyTheAuthorEditsOrDeletes() {
            fixture.given(CREATED)
                   .when(new EditPostCommand(POST, OTHER, "mine now", null, null))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("Only the post's author may do that.");
            fixture.given(CREATED)
                   .when(new DeletePostCommand(POST, OTHER))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("Only the post's author may do that.");
            fixture.given(CREATED)
                   .when(new DeletePostCommand(POST, AUTHOR))
                   .expectEvents(new PostDeletedEvent(POST, AUTHOR));
        }

        @Test
        void aDeletedPostIsGone() {
            fixture.given(CREATED, new PostDeletedEvent(POST, AUTHOR))
                   .when(new EditPostCommand(POST, AUTHOR, "again", null, null))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("No such post.");
            fixture.given(CREATED, new PostDeletedEvent(POST, AUTHOR))
                   .when(new DeletePostCommand(POST, AUTHOR))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("No such post.");
        }
    }

    @Nested
    class Comments {

        private final AggregateTestFixture<Comment> fixture = new AggregateTestFixture<>(Comment.class);
        private final EmbeddedEventStore postEvents =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        private final CommentAddedEvent added = new CommentAddedEvent("comment-1", POST, OTHER, AUTHOR, "좋아요!");

        Comments() {
            EventSourcingRepository<Post> posts = EventSourcingRepository.builder(Post.class)
                                                                         .eventStore(postEvents)
                                                                         .build();
            fixture.registerAnnotatedCommandHandler(new CommentPosting(posts, fixture.getRepository()));
        }

        private void post(Object... history) {
            for (int i = 0; i < history.length; i++) {
                postEvents.publish(new GenericDomainEventMessage<>(
                        "Post", CommunityCommands.postAggregateId(POST), i, history[i]));
            }
        }

        @Test
        void aCommentNamesThePostsAuthor() {
            post(CREATED);
            fixture.givenNoPriorActivity()
                   .when(new AddCommentCommand("comment-1", POST, OTHER, "좋아요!"))
                   .expectEvents(added)
                   .expectResultMessagePayload("comment-1");
        }

        @Test
        void aDeletedOrUnknownPostTakesNoComments() {
            post(CREATED, new PostDeletedEvent(POST, AUTHOR));
            fixture.givenNoPriorActivity()
                   .when(new AddCommentCommand("comment-1", POST, OTHER, "좋아요!"))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("No such post.");
            fixture.givenNoPriorActivity()
                   .when(new AddCommentCommand("comment-2", "no-such-post", OTHER, "좋아요!"))
                   .expectNoEvents()
                   .expectException(AggregateNotFoundException.class);
        }

        @Test
        void onlyItsAuthorDeletesACommentOnce() {
            fixture.given(added)
                   .when(new DeleteCommentCommand("comment-1", AUTHOR))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("Only the comment's author may delete it.");
            fixture.given(added)
                   .when(new DeleteCommentCommand("comment-1", OTHER))
                   .expectEvents(new CommentDeletedEvent("comment-1", POST, OTHER));
            fixture.given(added, new CommentDeletedEvent("comment-1", POST, OTHER))
                   .when(new DeleteCommentCommand("comment-1", OTHER))
                   .expectNoEvents()
                   .expectException(RejectedException.class)
                   .expectExceptionMessage("No such comment.");
        }
    }
}
