package io.tandem.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Commands on a user account. Passwords never travel in a command: the caller hashes them first,
 * and refresh tokens travel only as SHA-256 hashes of their secret part.
 */
public final class IdentityCommands {

    private IdentityCommands() {
    }

    /**
     * An email and password account whose owner has proven the address (the code mailed at sign-up), or the first
     * administrator's, whose address comes from the operator's configuration: either way the email is verified.
     */
    public record SignUpUserCommand(@TargetAggregateIdentifier String userId, String email, String passwordHash,
                                    String name, Role role) {
    }

    public record SignUpKakaoUserCommand(@TargetAggregateIdentifier String userId, long kakaoId, String email,
                                         String nickname, String profileImageUrl) {
    }

    /** Starts a new refresh-token family at login. Answers the account's roles. */
    public record IssueRefreshTokenCommand(@TargetAggregateIdentifier String userId, String tokenId,
                                           String familyId, String tokenHash, Instant expiresAt) {
    }

    /** Exchanges a refresh token for the next one of its family. Answers a {@link RefreshOutcome}. */
    public record RotateRefreshTokenCommand(@TargetAggregateIdentifier String userId, String presentedTokenId,
                                            String presentedTokenHash, String newTokenId, String newTokenHash,
                                            Instant newExpiresAt) {
    }

    public record SignOutCommand(@TargetAggregateIdentifier String userId) {
    }

    /** Null fields leave the current value unchanged. */
    public record UpdateProfileCommand(@TargetAggregateIdentifier String userId, String name, String nickname) {
    }

    public record ChangeProfileImageCommand(@TargetAggregateIdentifier String userId, String imageId) {
    }

    /**
     * Lets a Kakao account sign in to an existing account: automatically when both Kakao and the account verified
     * the same email, or on purpose from a session whose user just proved their password ({@code passwordProven}).
     * Every other session of the account ends. Answers whether the account was linked now (false: it already was).
     */
    public record LinkKakaoAccountCommand(@TargetAggregateIdentifier String userId, long kakaoId,
                                          boolean passwordProven) {
    }

    /** The owner of an account made before sign-ups were verified proved its address with a mailed code. */
    public record VerifyEmailCommand(@TargetAggregateIdentifier String userId) {
    }

    public record GrantRoleCommand(@TargetAggregateIdentifier String userId, Role role) {
    }

    /** Forgets the person: see {@code docs/personal-data.md}. Erasing an erased account again changes nothing. */
    public record EraseUserCommand(@TargetAggregateIdentifier String userId) {
    }
}
