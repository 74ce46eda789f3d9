package io.tandem.api.identity;

import java.time.Instant;
import java.util.Set;

public final class IdentityQueries {

    private IdentityQueries() {
    }

    public record FindProfileQuery(String userId) {
    }

    public record ListUsersQuery(int page, int size) {
    }

    public record UserPage(java.util.List<UserProfile> users, int page, int size, long totalElements) {
    }

    public record UserProfile(String userId, String email, String name, String nickname, String profileImageUrl,
                              Set<Role> roles, String provider, Instant createdAt) {
    }
}
