package io.tandem.api.identity;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.time.Instant;

public final class IdentityEvents {

    private IdentityEvents() {
    }

    /**
     * {@code email} and {@code passwordHash} are null for accounts created through Kakao without an email; every
     * personal field reads as null once the account is erased.
     */
    public record UserSignedUpEvent(@DataSubject String userId, @PersonalData String email,
                                    @PersonalData String passwordHash, @PersonalData String name, Role role,
                                    @PersonalData Long kakaoId, @PersonalData String profileImageUrl) {
    }

    /**
     * The account's owner proved they receive mail at its address: at sign-up (with the mailed code), through Kakao's
     * own verification, or later from a signed-in session. Accounts made before sign-ups were verified have none.
     */
    public record EmailVerifiedEvent(String userId) {
    }

    public record RefreshTokenIssuedEvent(String userId, String tokenId, String familyId, String tokenHash,
                                          Instant expiresAt) {
    }

    public record RefreshTokenRotatedEvent(String userId, String previousTokenId, String tokenId, String familyId,
                                           String tokenHash, Instant expiresAt) {
    }

    /** A token that had already been rotated was presented again: the whole family is presumed stolen. */
    public record RefreshTokenFamilyRevokedEvent(String userId, String familyId, String reusedTokenId) {
    }

    /** Every refresh token of the user is revoked, and every access token issued before stops working. */
    public record UserSignedOutEvent(String userId) {
    }

    public record ProfileUpdatedEvent(@DataSubject String userId, @PersonalData String name,
                                      @PersonalData String nickname) {
    }

    /**
     * {@code previousImageId} is our own image this one replaces, to be deleted: null for the first one, after a
     * Kakao picture, and in events stored before it was recorded.
     */
    public record ProfileImageChangedEvent(String userId, String imageId, String previousImageId) {
    }

    /** {@code kakaoId} reads as null once the account is erased. */
    public record KakaoAccountLinkedEvent(@DataSubject String userId, @PersonalData Long kakaoId) {
    }

    public record RoleGrantedEvent(String userId, Role role) {
    }

    /**
     * The person asked to be forgotten (or an admin did it for them): their key is erased, so every personal field
     * of their events reads as null from now on, and read models drop what they kept about them.
     */
    public record UserErasedEvent(String userId) {
    }
}
