package io.tandem.api.identity;

import java.time.Instant;

public final class IdentityEvents {

    private IdentityEvents() {
    }

    /** {@code email} and {@code passwordHash} are null for accounts created through Kakao without an email. */
    public record UserSignedUpEvent(String userId, String email, String passwordHash, String name, Role role,
                                    Long kakaoId, String profileImageUrl) {
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

    public record UserSignedOutEvent(String userId) {
    }

    public record ProfileUpdatedEvent(String userId, String name, String nickname) {
    }

    public record ProfileImageChangedEvent(String userId, String imageId) {
    }

    public record KakaoAccountLinkedEvent(String userId, long kakaoId) {
    }

    public record RoleGrantedEvent(String userId, Role role) {
    }
}
