package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityCommands.EraseUserCommand;
import io.tandem.api.identity.IdentityCommands.GrantRoleCommand;
import io.tandem.api.identity.Role;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Admin: users")
class AdminUserController {

    private final CommandGateway commands;
    private final PasswordChecks passwords;
    private final ReadYourWrites writes;

    AdminUserController(CommandGateway commands, PasswordChecks passwords, ReadYourWrites writes) {
        this.commands = commands;
        this.passwords = passwords;
        this.writes = writes;
    }

    @PostMapping("/api/admin/users/{user_id}/roles")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Grant a role to a user")
    void grant(@PathVariable("user_id") UUID userId, @Valid @RequestBody RoleGrant grant) {
        send(new GrantRoleCommand(userId.toString(), grant.role()));
    }

    @DeleteMapping("/api/admin/users/{user_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Erase a user: sign-in ends for good and their personal data becomes unreadable everywhere. "
                         + "Needs the administrator's password, or their sign-in within 5 minutes")
    void erase(@PathVariable("user_id") UUID userId,
               @Valid @RequestBody(required = false) ProfileController.ErasureConfirmation confirmation) {
        passwords.requireRecentSignInOrPassword(CurrentUser.id(),
                                                confirmation == null ? null : confirmation.password());
        send(new EraseUserCommand(userId.toString()));
    }

    /** Answers once the user list shows the change. */
    private void send(Object command) {
        writes.write(() -> commands.sendAndWait(command), ReadModels.USER_PROFILES);
    }

    record RoleGrant(@NotNull Role role) {
    }
}
