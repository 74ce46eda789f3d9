package io.tandem.query.identity;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityEvents.KakaoAccountLinkedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileImageChangedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.IdentityQueries.FindProfileQuery;
import io.tandem.api.identity.IdentityQueries.ListUsersQuery;
import io.tandem.api.identity.IdentityQueries.UserPage;
import io.tandem.api.identity.IdentityQueries.UserProfile;
import io.tandem.api.identity.ProfileImages;
import io.tandem.api.identity.Role;
import io.tandem.platform.jdbc.OffsetPage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Profiles as users and admins read them. Every handler writes absolute values (or a set union for roles), so
 * delivering an event twice, or replaying all of them, gives the same rows. An erased user has no row: their
 * personal fields read as null on replay, and their {@link UserErasedEvent} deletes whatever was there.
 */
@Component
@ProcessingGroup(ReadModels.USER_PROFILES)
class UserProfileProjection {

    private static final RowMapper<UserProfile> PROFILE = (rs, row) -> new UserProfile(
            rs.getString("user_id"), rs.getString("email"), rs.getString("name"), rs.getString("nickname"),
            rs.getString("profile_image_url"), roles(rs.getString("roles")), rs.getString("provider"),
            instant(rs, "created_at"));

    private final JdbcClient jdbc;

    UserProfileProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserSignedUpEvent event, @Timestamp Instant occurredAt) {
        if (event.name() == null) {
            return; // every sign-up has a name, so the account was erased since: nothing to show
        }
        jdbc.sql("""
                 INSERT INTO user_profile (user_id, email, name, profile_image_url, roles, provider, created_at)
                 VALUES (:userId, :email, :name, :image, :roles, :provider, :createdAt)
                 ON CONFLICT (user_id) DO NOTHING
                 """)
            .param("userId", event.userId())
            .param("email", event.email())
            .param("name", event.name())
            .param("image", event.profileImageUrl())
            .param("roles", rolesColumn(EnumSet.of(Role.USER, event.role())))
            .param("provider", event.kakaoId() != null ? "kakao" : "email")
            .param("createdAt", utc(occurredAt))
            .update();
    }

    @EventHandler
    void on(ProfileUpdatedEvent event) {
        if (event.name() == null) {
            return; // erased since (a name is never removed), and the erasure that follows deletes the row
        }
        jdbc.sql("UPDATE user_profile SET name = :name, nickname = :nickname WHERE user_id = :userId")
            .param("name", event.name())
            .param("nickname", event.nickname())
            .param("userId", event.userId())
            .update();
    }

    @EventHandler
    void on(ProfileImageChangedEvent event) {
        jdbc.sql("UPDATE user_profile SET profile_image_url = :url WHERE user_id = :userId")
            .param("url", ProfileImages.url(event.imageId()))
            .param("userId", event.userId())
            .update();
    }

    @EventHandler
    void on(KakaoAccountLinkedEvent event) {
        jdbc.sql("UPDATE user_profile SET provider = 'email+kakao' WHERE user_id = :userId")
            .param("userId", event.userId())
            .update();
    }

    @EventHandler
    void on(RoleGrantedEvent event) {
        Optional<String> current = jdbc.sql("SELECT roles FROM user_profile WHERE user_id = :userId")
                                       .param("userId", event.userId())
                                       .query(String.class)
                                       .optional();
        current.ifPresent(roles -> {
            Set<Role> updated = EnumSet.copyOf(roles(roles));
            updated.add(event.role());
            jdbc.sql("UPDATE user_profile SET roles = :roles WHERE user_id = :userId")
                .param("roles", rolesColumn(updated))
                .param("userId", event.userId())
                .update();
        });
    }

    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("DELETE FROM user_profile WHERE user_id = :userId").param("userId", event.userId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM user_profile").update();
    }

    @QueryHandler
    Optional<UserProfile> handle(FindProfileQuery query) {
        return jdbc.sql("SELECT * FROM user_profile WHERE user_id = :userId")
                   .param("userId", query.userId())
                   .query(PROFILE)
                   .optional();
    }

    @QueryHandler
    UserPage handle(ListUsersQuery query) {
        OffsetPage<UserProfile> page = OffsetPage.read(jdbc, "FROM user_profile", "created_at DESC, user_id", PROFILE,
                                                       query.page(), query.size());
        return new UserPage(page.items(), query.page(), query.size(), page.total());
    }

    private static String rolesColumn(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> roles(String column) {
        return Arrays.stream(column.split(",")).map(Role::valueOf)
                     .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
