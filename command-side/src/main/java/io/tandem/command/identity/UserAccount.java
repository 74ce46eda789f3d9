package io.tandem.command.identity;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityCommands.ChangeProfileImageCommand;
import io.tandem.api.identity.IdentityCommands.GrantRoleCommand;
import io.tandem.api.identity.IdentityCommands.IssueRefreshTokenCommand;
import io.tandem.api.identity.IdentityCommands.RotateRefreshTokenCommand;
import io.tandem.api.identity.IdentityCommands.SignOutCommand;
import io.tandem.api.identity.IdentityCommands.SignUpKakaoUserCommand;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.IdentityCommands.UpdateProfileCommand;
import io.tandem.api.identity.IdentityEvents.EmailVerifiedEvent;
import io.tandem.api.identity.IdentityEvents.KakaoAccountLinkedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileImageChangedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.RefreshTokenFamilyRevokedEvent;
import io.tandem.api.identity.IdentityEvents.RefreshTokenIssuedEvent;
import io.tandem.api.identity.IdentityEvents.RefreshTokenRotatedEvent;
import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedOutEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.IssuedSession;
import io.tandem.api.identity.ProfileImages;
import io.tandem.api.identity.RefreshOutcome;
import io.tandem.api.identity.Role;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person's account: who they are, what they may do, and the refresh tokens they hold. Refresh tokens rotate:
 * each is good for one exchange, and presenting a spent one again revokes its whole family, since only a thief
 * or a replaying attacker would do that. An erased account is gone for every command; its personal fields are
 * marked so snapshots keep them encrypted like the events (docs/personal-data.md).
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class UserAccount {

    @AggregateIdentifier
    @DataSubject
    private String userId;
    @PersonalData
    private String email;
    @PersonalData
    private String name;
    @PersonalData
    private String nickname;
    @PersonalData
    private String profileImageUrl;
    @PersonalData
    private Long kakaoId;
    private boolean emailVerified;
    private Set<Role> roles;
    private Map<String, RefreshToken> refreshTokens;
    private boolean erased;

    UserAccount() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * Sign-ups are handled by {@link AccountRegistration}, which first claims the email in the directory. The address
     * is proven: by the mailed code, or by the operator who configured the first administrator.
     */
    static UserAccount signUp(SignUpUserCommand command) {
        UserAccount account = new UserAccount();
        apply(new UserSignedUpEvent(command.userId(), command.email(), command.passwordHash(), command.name(),
                                    command.role(), null, null));
        apply(new EmailVerifiedEvent(command.userId()));
        return account;
    }

    /** Kakao accounts keep an email only when Kakao verified it. */
    static UserAccount signUpWithKakao(SignUpKakaoUserCommand command) {
        UserAccount account = new UserAccount();
        apply(new UserSignedUpEvent(command.userId(), command.email(), null, command.nickname(), Role.USER,
                                    command.kakaoId(), command.profileImageUrl()));
        if (command.email() != null) {
            apply(new EmailVerifiedEvent(command.userId()));
        }
        return account;
    }

    @CommandHandler
    IssuedSession handle(IssueRefreshTokenCommand command) {
        requireLive();
        apply(new RefreshTokenIssuedEvent(userId, command.tokenId(), command.familyId(), command.tokenHash(),
                                          command.expiresAt()));
        return new IssuedSession(Set.copyOf(roles));
    }

    @CommandHandler
    RefreshOutcome handle(RotateRefreshTokenCommand command) {
        requireLive();
        RefreshToken presented = refreshTokens.get(command.presentedTokenId());
        if (presented == null || !presented.matches(command.presentedTokenHash())
            || presented.expiresAt().isBefore(Instant.now())) {
            return RefreshOutcome.rejected();
        }
        if (presented.spent()) {
            apply(new RefreshTokenFamilyRevokedEvent(userId, presented.familyId(), command.presentedTokenId()));
            return RefreshOutcome.reuseDetected();
        }
        apply(new RefreshTokenRotatedEvent(userId, command.presentedTokenId(), command.newTokenId(),
                                           presented.familyId(), command.newTokenHash(), command.newExpiresAt()));
        return RefreshOutcome.rotated(Set.copyOf(roles));
    }

    @CommandHandler
    void handle(SignOutCommand command) {
        requireLive();
        apply(new UserSignedOutEvent(userId));
    }

    @CommandHandler
    AccountProfile handle(UpdateProfileCommand command) {
        requireLive();
        String newName = command.name() != null ? command.name() : name;
        String newNickname = command.nickname() != null ? command.nickname() : nickname;
        apply(new ProfileUpdatedEvent(userId, newName, newNickname));
        return profile();
    }

    @CommandHandler
    AccountProfile handle(ChangeProfileImageCommand command) {
        requireLive();
        apply(new ProfileImageChangedEvent(userId, command.imageId(), ProfileImages.idIn(profileImageUrl)));
        return profile();
    }

    /**
     * Called by {@link AccountRegistration}. Without the password proven in a session, only an account whose owner
     * proved its email is linked: else whoever signed up with someone else's address would be let into the account
     * that person later reaches through Kakao (security review H1). Linking ends every other session. Answers
     * whether the account was linked now.
     */
    boolean linkKakao(long newKakaoId, boolean passwordProven) {
        requireLive();
        if (kakaoId != null && kakaoId != newKakaoId) {
            throw new RejectedException(Rejection.conflict(
                    "kakao_already_linked", "This account is already linked to another Kakao account."));
        }
        if (kakaoId != null) {
            return false;
        }
        if (!passwordProven && !emailVerified) {
            throw new RejectedException(Rejection.conflict(
                    "email_not_verified", "The account's email is not verified: sign in with its password to link."));
        }
        apply(new KakaoAccountLinkedEvent(userId, newKakaoId));
        apply(new UserSignedOutEvent(userId));
        return true;
    }

    /** Called by {@link AccountRegistration} once the owner of an older account confirmed a code mailed to it. */
    void verifyEmail() {
        requireLive();
        if (email != null && !emailVerified) {
            apply(new EmailVerifiedEvent(userId));
        }
    }

    @CommandHandler
    void handle(GrantRoleCommand command) {
        requireLive();
        if (!roles.contains(command.role())) {
            apply(new RoleGrantedEvent(userId, command.role()));
        }
    }

    /**
     * Called by {@link AccountErasure}, which erases the key and frees the email in the same unit of work. Erasing
     * again records nothing, so a retried erasure just repeats those idempotent steps.
     */
    void erase() {
        if (!erased) {
            apply(new UserErasedEvent(userId));
        }
    }

    private void requireLive() {
        if (erased) {
            throw new RejectedException(Rejection.notFound("user_not_found", "No such user."));
        }
    }

    AccountProfile profile() {
        return new AccountProfile(userId, email, name, nickname, profileImageUrl, Set.copyOf(roles),
                                  kakaoId != null);
    }

    @EventSourcingHandler
    void on(UserSignedUpEvent event) {
        userId = event.userId();
        email = event.email();
        name = event.name();
        kakaoId = event.kakaoId();
        profileImageUrl = event.profileImageUrl();
        roles = EnumSet.of(Role.USER, event.role());
        refreshTokens = new HashMap<>();
    }

    @EventSourcingHandler
    void on(EmailVerifiedEvent event) {
        emailVerified = true;
    }

    @EventSourcingHandler
    void on(RefreshTokenIssuedEvent event, @Timestamp Instant occurredAt) {
        forgetExpiredTokens(occurredAt);
        refreshTokens.put(event.tokenId(), new RefreshToken(event.familyId(), event.tokenHash(), event.expiresAt(),
                                                            false));
    }

    @EventSourcingHandler
    void on(RefreshTokenRotatedEvent event, @Timestamp Instant occurredAt) {
        forgetExpiredTokens(occurredAt);
        refreshTokens.computeIfPresent(event.previousTokenId(), (id, token) -> token.spend());
        refreshTokens.put(event.tokenId(), new RefreshToken(event.familyId(), event.tokenHash(), event.expiresAt(),
                                                            false));
    }

    @EventSourcingHandler
    void on(RefreshTokenFamilyRevokedEvent event) {
        refreshTokens.values().removeIf(token -> token.familyId().equals(event.familyId()));
    }

    @EventSourcingHandler
    void on(UserSignedOutEvent event) {
        refreshTokens.clear();
    }

    @EventSourcingHandler
    void on(ProfileUpdatedEvent event) {
        name = event.name();
        nickname = event.nickname();
    }

    @EventSourcingHandler
    void on(ProfileImageChangedEvent event) {
        profileImageUrl = ProfileImages.url(event.imageId());
    }

    @EventSourcingHandler
    void on(KakaoAccountLinkedEvent event) {
        kakaoId = event.kakaoId();
    }

    @EventSourcingHandler
    void on(RoleGrantedEvent event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(UserErasedEvent event) {
        erased = true;
        email = null;
        name = null;
        nickname = null;
        profileImageUrl = null;
        kakaoId = null;
        emailVerified = false;
        refreshTokens.clear();
    }

    private void forgetExpiredTokens(Instant now) {
        refreshTokens.values().removeIf(token -> token.expiresAt().isBefore(now));
    }

    /** Only the SHA-256 of a token's secret is kept; a spent token is remembered until it expires to spot reuse. */
    record RefreshToken(String familyId, String hash, Instant expiresAt, boolean spent) {

        boolean matches(String presentedHash) {
            return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                                         presentedHash.getBytes(StandardCharsets.US_ASCII));
        }

        RefreshToken spend() {
            return new RefreshToken(familyId, hash, expiresAt, true);
        }
    }
}
