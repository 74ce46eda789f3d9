package io.tandem.testsupport.kakao;

/** A Kakao account as the loopback server reports it; {@code email} may be null (the user declined to share it). */
public record KakaoTestUser(long id, String nickname, String email, boolean emailVerified, String profileImageUrl) {
}
