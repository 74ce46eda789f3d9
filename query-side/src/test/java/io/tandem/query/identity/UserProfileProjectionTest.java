package io.tandem.query.identity;

import io.tandem.api.identity.IdentityEvents.KakaoAccountLinkedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileImageChangedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.IdentityQueries.FindProfileQuery;
import io.tandem.api.identity.IdentityQueries.ListUsersQuery;
import io.tandem.api.identity.IdentityQueries.UserProfile;
import io.tandem.api.identity.ProfileImages;
import io.tandem.api.identity.Role;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles as users and admins read them, written by {@link UserProfileProjection}: events in, rows and query answers
 * out, and a replay gives the same rows.
 */
class UserProfileProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final UserProfileProjection projection = new UserProfileProjection(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(projection);
    private final String user = UUID.randomUUID().toString();

    @Test
    void aSignUpShowsTheProfileAsItWasGiven() {
        events.publish(user, TestProfiles.signedUp(user, "jisoo@example.com", "Kim Jisoo"));
        Instant signedUpAt = events.lastTimestamp();

        assertThat(find(user)).hasValueSatisfying(profile -> {
            assertThat(profile.email()).isEqualTo("jisoo@example.com");
            assertThat(profile.name()).isEqualTo("Kim Jisoo");
            assertThat(profile.nickname()).isNull();
            assertThat(profile.profileImageUrl()).isNull();
            assertThat(profile.roles()).containsExactly(Role.USER);
            assertThat(profile.provider()).isEqualTo("email");
            assertThat(profile.createdAt()).isEqualTo(signedUpAt);
        });
        assertThat(find(UUID.randomUUID().toString())).as("an unknown user").isEmpty();
    }

    @Test
    void aKakaoSignUpWithARoleKeepsTheUserRoleAndTheKakaoPicture() {
        events.publish(user, new UserSignedUpEvent(user, null, null, "Lee Minho", Role.ADMIN, 42L,
                                                   "https://k.kakaocdn.net/photo.jpg"));

        assertThat(find(user)).hasValueSatisfying(profile -> {
            assertThat(profile.email()).isNull();
            assertThat(profile.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
            assertThat(profile.provider()).isEqualTo("kakao");
            assertThat(profile.profileImageUrl()).isEqualTo("https://k.kakaocdn.net/photo.jpg");
        });
    }

    @Test
    void laterEventsChangeNameNicknamePictureProviderAndRoles() {
        String image = UUID.randomUUID().toString();
        events.publish(user, TestProfiles.signedUp(user, "jisoo@example.com", "Kim Jisoo"));
        events.publish(user, new ProfileUpdatedEvent(user, "Kim Ji-soo", "jisoo"));
        events.publish(user, new ProfileImageChangedEvent(user, image, null));
        events.publish(user, new KakaoAccountLinkedEvent(user, 42L));
        events.publish(user, new RoleGrantedEvent(user, Role.OPERATOR));
        events.publish(user, new RoleGrantedEvent(user, Role.OPERATOR));

        assertThat(find(user)).hasValueSatisfying(profile -> {
            assertThat(profile.name()).isEqualTo("Kim Ji-soo");
            assertThat(profile.nickname()).isEqualTo("jisoo");
            assertThat(profile.profileImageUrl()).isEqualTo(ProfileImages.url(image));
            assertThat(profile.provider()).isEqualTo("email+kakao");
            assertThat(profile.roles()).isEqualTo(Set.of(Role.USER, Role.OPERATOR));
        });

        String nobody = UUID.randomUUID().toString();
        events.publish(nobody, new RoleGrantedEvent(nobody, Role.ADMIN));
        assertThat(find(nobody)).as("a role for a user without a profile makes none").isEmpty();
    }

    @Test
    void anErasedUserHasNoProfileAndTheirEventsAsTheyReadNowWriteNone() {
        events.publish(user, TestProfiles.signedUp(user, "jisoo@example.com", "Kim Jisoo"));
        events.publish(user, new UserErasedEvent(user));

        assertThat(find(user)).isEmpty();

        String erasedEarlier = UUID.randomUUID().toString();
        events.publish(erasedEarlier, new UserSignedUpEvent(erasedEarlier, null, null, null, Role.USER, null, null));
        events.publish(erasedEarlier, new ProfileUpdatedEvent(erasedEarlier, null, null));
        assertThat(find(erasedEarlier)).isEmpty();
        assertThat(rows(erasedEarlier)).isEmpty();
    }

    @Test
    void adminsListUsersNewestFirst() {
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        events.publish(user, TestProfiles.signedUp(user, "first@example.com", "First"));
        events.publish(second, TestProfiles.signedUp(second, "second@example.com", "Second"));
        events.publish(third, TestProfiles.signedUp(third, "third@example.com", "Third"));

        List<String> listed = projection.handle(new ListUsersQuery(0, 1_000)).users().stream()
                                        .map(UserProfile::userId)
                                        .filter(List.of(user, second, third)::contains)
                                        .toList();
        assertThat(listed).containsExactly(third, second, user);
        assertThat(projection.handle(new ListUsersQuery(0, 2)).users()).hasSize(2);
        assertThat(projection.handle(new ListUsersQuery(0, 2)).totalElements()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRow() {
        events.publish(user, TestProfiles.signedUp(user, "jisoo@example.com", "Kim Jisoo"));
        events.publish(user, new ProfileUpdatedEvent(user, "Kim Ji-soo", "jisoo"));
        events.publish(user, new RoleGrantedEvent(user, Role.ADMIN));
        events.publish(user, new KakaoAccountLinkedEvent(user, 42L));
        List<Map<String, Object>> before = rows(user);
        assertThat(before).hasSize(1);

        events.redeliver(0);
        events.redeliver(2);
        assertThat(rows(user)).isEqualTo(before);
        events.replay();
        assertThat(rows(user)).isEqualTo(before);
    }

    private Optional<UserProfile> find(String userId) {
        return projection.handle(new FindProfileQuery(userId));
    }

    private static List<Map<String, Object>> rows(String userId) {
        return JDBC.sql("SELECT * FROM user_profile WHERE user_id = :id").param("id", userId).query().listOfRows();
    }
}
