package io.tandem.query.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityQueries.FindProfileQuery;
import io.tandem.api.identity.IdentityQueries.ListUsersQuery;
import io.tandem.api.identity.IdentityQueries.UserPage;
import io.tandem.api.identity.IdentityQueries.UserProfile;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Profile")
class ProfileQueryController {

    private final QueryGateway queries;

    ProfileQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping({"/api/user/profile", "/api/auth/profile"})
    @Operation(summary = "The signed-in user's profile")
    UserProfile profile() {
        return queries.query(new FindProfileQuery(CurrentUser.id()), ResponseTypes.optionalInstanceOf(UserProfile.class))
                      .join()
                      .orElseThrow(() -> new RejectedException(Rejection.notFound(
                              "profile_not_found", "The profile is not there yet or the account is gone.")));
    }

    @GetMapping("/api/admin/users")
    @Operation(summary = "Admin: every user, newest first")
    UserPage users(@RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new ListUsersQuery(page, size), UserPage.class).join();
    }
}
