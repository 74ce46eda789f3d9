package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.ChangeProfileImageCommand;
import io.tandem.api.identity.IdentityCommands.GrantRoleCommand;
import io.tandem.api.identity.IdentityCommands.IssueRefreshTokenCommand;
import io.tandem.api.identity.IdentityCommands.RotateRefreshTokenCommand;
import io.tandem.api.identity.IdentityCommands.SignOutCommand;
import io.tandem.api.identity.IdentityCommands.UpdateProfileCommand;
import io.tandem.api.identity.IdentityEvents.ProfileImageChangedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.RefreshTokenFamilyRevokedEvent;
import io.tandem.api.identity.IdentityEvents.RefreshTokenIssuedEvent;
import io.tandem.api.identity.IdentityEvents.RefreshTokenRotatedEvent;
import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedOutEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IssuedSession;
import io.tandem.api.identity.RefreshOutcome;
import io.tandem.api.identity.Role;
import io.tandem.platform.axon.AxonInfrastructureConfiguration;
import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UserAccountTest {

    private static final String USER = "6f1c1a52-0000-4000-8000-000000000001";
    private static final Instant IN_A_WEEK = Instant.now().plus(7, ChronoUnit.DAYS);

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    private static UserSignedUpEvent signedUp() {
        return new UserSignedUpEvent(USER, "kim@example.com", "{bcrypt}hash", "Kim", Role.USER, null, null);
    }

    private static RefreshTokenIssuedEvent issued(String tokenId, String family, String hash) {
        return new RefreshTokenIssuedEvent(USER, tokenId, family, hash, IN_A_WEEK);
    }

    @Test
    void loginStartsATokenFamilyAndAnswersTheRoles() {
        fixture.given(signedUp())
               .when(new IssueRefreshTokenCommand(USER, "t1", "f1", "h1", IN_A_WEEK))
               .expectSuccessfulHandlerExecution()
               .expectEvents(issued("t1", "f1", "h1"))
               .expectResultMessagePayload(new IssuedSession(Set.of(Role.USER)));
    }

    @Test
    void aLiveTokenRotatesIntoTheNextOneOfItsFamily() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"))
               .when(new RotateRefreshTokenCommand(USER, "t1", "h1", "t2", "h2", IN_A_WEEK))
               .expectEvents(new RefreshTokenRotatedEvent(USER, "t1", "t2", "f1", "h2", IN_A_WEEK))
               .expectResultMessagePayload(RefreshOutcome.rotated(Set.of(Role.USER)));
    }

    @Test
    void presentingASpentTokenAgainRevokesTheWholeFamily() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"),
                      new RefreshTokenRotatedEvent(USER, "t1", "t2", "f1", "h2", IN_A_WEEK))
               .when(new RotateRefreshTokenCommand(USER, "t1", "h1", "t3", "h3", IN_A_WEEK))
               .expectEvents(new RefreshTokenFamilyRevokedEvent(USER, "f1", "t1"))
               .expectResultMessagePayload(RefreshOutcome.reuseDetected());
    }

    @Test
    void aRevokedFamilyCannotRotateAnyMore() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"),
                      new RefreshTokenRotatedEvent(USER, "t1", "t2", "f1", "h2", IN_A_WEEK),
                      new RefreshTokenFamilyRevokedEvent(USER, "f1", "t1"))
               .when(new RotateRefreshTokenCommand(USER, "t2", "h2", "t3", "h3", IN_A_WEEK))
               .expectNoEvents()
               .expectResultMessagePayload(RefreshOutcome.rejected());
    }

    @Test
    void revokingOneFamilyLeavesTheOthersAlone() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"), issued("u1", "f2", "k1"),
                      new RefreshTokenFamilyRevokedEvent(USER, "f1", "t1"))
               .when(new RotateRefreshTokenCommand(USER, "u1", "k1", "u2", "k2", IN_A_WEEK))
               .expectEvents(new RefreshTokenRotatedEvent(USER, "u1", "u2", "f2", "k2", IN_A_WEEK));
    }

    @Test
    void aWrongSecretOrAnExpiredTokenIsRejectedWithoutEvents() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"),
                      new RefreshTokenIssuedEvent(USER, "old", "f2", "h-old", Instant.now().minusSeconds(1)))
               .when(new RotateRefreshTokenCommand(USER, "t1", "not-h1", "t2", "h2", IN_A_WEEK))
               .expectNoEvents()
               .expectResultMessagePayload(RefreshOutcome.rejected());
        fixture.given(signedUp(), new RefreshTokenIssuedEvent(USER, "old", "f2", "h-old",
                                                              Instant.now().minusSeconds(1)))
               .when(new RotateRefreshTokenCommand(USER, "old", "h-old", "t2", "h2", IN_A_WEEK))
               .expectNoEvents()
               .expectResultMessagePayload(RefreshOutcome.rejected());
    }

    @Test
    void signingOutRevokesEveryRefreshToken() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"), issued("u1", "f2", "k1"), new UserSignedOutEvent(USER))
               .when(new RotateRefreshTokenCommand(USER, "u1", "k1", "u2", "k2", IN_A_WEEK))
               .expectNoEvents()
               .expectResultMessagePayload(RefreshOutcome.rejected());
        fixture.given(signedUp())
               .when(new SignOutCommand(USER))
               .expectEvents(new UserSignedOutEvent(USER));
    }

    @Test
    void aProfileChangeKeepsWhatWasNotGiven() {
        fixture.given(signedUp(), new ProfileUpdatedEvent(USER, "Kim", "kimmy"))
               .when(new UpdateProfileCommand(USER, "Kim Minji", null))
               .expectEvents(new ProfileUpdatedEvent(USER, "Kim Minji", "kimmy"))
               .expectState(account -> assertThat(account.profile().nickname()).isEqualTo("kimmy"));
    }

    @Test
    void aNewProfileImageIsServedFromItsPublicUrl() {
        fixture.given(signedUp())
               .when(new ChangeProfileImageCommand(USER, "img-1"))
               .expectEvents(new ProfileImageChangedEvent(USER, "img-1", null))
               .expectState(account -> assertThat(account.profile().profileImageUrl())
                       .isEqualTo("/api/profile-images/img-1"));
    }

    @Test
    void aNewProfileImageNamesTheOneItReplacesSoItCanBeDeleted() {
        fixture.given(signedUp(), new ProfileImageChangedEvent(USER, "img-1", null))
               .when(new ChangeProfileImageCommand(USER, "img-2"))
               .expectEvents(new ProfileImageChangedEvent(USER, "img-2", "img-1"));
    }

    @Test
    void grantingARoleTwiceRecordsItOnce() {
        fixture.given(signedUp())
               .when(new GrantRoleCommand(USER, Role.ADMIN))
               .expectEvents(new RoleGrantedEvent(USER, Role.ADMIN));
        fixture.given(signedUp(), new RoleGrantedEvent(USER, Role.ADMIN))
               .when(new GrantRoleCommand(USER, Role.ADMIN))
               .expectNoEvents();
    }

    @Test
    void anErasedAccountRefusesEveryCommand() {
        fixture.given(signedUp(), issued("t1", "f1", "h1"), new UserErasedEvent(USER))
               .when(new RotateRefreshTokenCommand(USER, "t1", "h1", "t2", "h2", IN_A_WEEK))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("No such user.");
        fixture.given(signedUp(), new UserErasedEvent(USER))
               .when(new IssueRefreshTokenCommand(USER, "t1", "f1", "h1", IN_A_WEEK))
               .expectNoEvents()
               .expectException(RejectedException.class);
        fixture.given(signedUp(), new UserErasedEvent(USER))
               .when(new UpdateProfileCommand(USER, "Kim", null))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }

    @Test
    void aSnapshotKeepsThePersonalFieldsEncrypted() {
        Serializer snapshots = new AxonInfrastructureConfiguration().serializer(InMemoryPersonalDataKeys.perSubject());
        fixture.given(signedUp(), new ProfileUpdatedEvent(USER, "Kim Minji", "kimmy"), issued("t1", "f1", "h1"))
               .when(new GrantRoleCommand(USER, Role.ADMIN))
               .expectState(account -> {
                   SerializedObject<byte[]> stored = snapshots.serialize(account, byte[].class);
                   assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                           .doesNotContain("kim@example.com", "Kim Minji", "kimmy")
                           .contains(USER, "pd:v1:");
                   UserAccount restored = snapshots.deserialize(stored);
                   assertThat(restored.profile()).isEqualTo(account.profile());
               });
    }
}
