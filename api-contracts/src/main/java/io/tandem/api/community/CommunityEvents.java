package io.tandem.api.community;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.util.List;

/** What people write is theirs: titles and texts read as null once their author is erased. */
public final class CommunityEvents {

    private CommunityEvents() {
    }

    public record PostCreatedEvent(String postId, @DataSubject String authorId, @PersonalData String title,
                                   @PersonalData String content, List<String> imageFileIds) {
    }

    /** The post as it is after the edit, every field. */
    public record PostEditedEvent(String postId, @DataSubject String authorId, @PersonalData String title,
                                  @PersonalData String content, List<String> imageFileIds) {
    }

    public record PostDeletedEvent(String postId, String authorId) {
    }

    /** {@code postAuthorId} is who wrote the post, to be told about the comment. */
    public record CommentAddedEvent(String commentId, String postId, @DataSubject String authorId,
                                    String postAuthorId, @PersonalData String content) {
    }

    public record CommentDeletedEvent(String commentId, String postId, String authorId) {
    }
}
