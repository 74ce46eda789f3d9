package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityCommands.VerifyEmailCommand;
import io.tandem.command.identity.AccountDirectory.Credentials;
import io.tandem.command.identity.SignUpController.CodeSent;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts made before sign-ups proved the address confirm it here, from a signed-in session, with a mailed code.
 * Until then they may not book, and Kakao never links to them by itself.
 */
@RestController
@Tag(name = "Profile")
class EmailVerificationController {

    private final CommandGateway commands;
    private final AccountDirectory directory;
    private final EmailCodes codes;
    private final AccountMail mail;
    private final RateLimit perEmail;

    EmailVerificationController(CommandGateway commands, AccountDirectory directory, EmailCodes codes,
                                AccountMail mail, RateLimits limits) {
        this.commands = commands;
        this.directory = directory;
        this.codes = codes;
        this.mail = mail;
        this.perEmail = limits.named("signup-email");
    }

    @PostMapping("/api/user/email/verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a code that confirms your account's email (accounts made before sign-ups did)")
    CodeSent requestCode() {
        Credentials account = unverifiedAccount();
        perEmail.take(account.email());
        mail.accountCode(account.email(), codes.issueForAccount(account.email(), account.userId()),
                         codes.validity());
        return new CodeSent(codes.validity().toSeconds());
    }

    @PostMapping("/api/user/email/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Confirm your account's email with the mailed code")
    void verify(@Valid @RequestBody CodeRequest request) {
        Credentials account = unverifiedAccount();
        codes.redeem(account.email(), request.code())
             .filter(pending -> account.userId().equals(pending.userId()))
             .orElseThrow(SignUpController::invalidCode);
        commands.sendAndWait(new VerifyEmailCommand(account.userId()));
    }

    private Credentials unverifiedAccount() {
        Credentials account = directory.findById(CurrentUser.id()).orElseThrow(
                () -> new RejectedException(Rejection.notFound("user_not_found", "No such user.")));
        if (account.email() == null) {
            throw new RejectedException(Rejection.conflict("no_email", "The account has no email to confirm."));
        }
        if (account.verified()) {
            throw new RejectedException(Rejection.conflict("email_already_verified",
                                                           "The account's email is already verified."));
        }
        return account;
    }

    record CodeRequest(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits mailed") String code) {
    }
}
