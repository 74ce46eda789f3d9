package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.Role;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Signing up proves the address first (security review H1): the account is made only once the code mailed to it is
 * confirmed, so nobody can make an account with someone else's email and wait for them. Every valid request is
 * answered alike, whether or not the email has an account (L7); its owner is mailed either a code or a notice.
 */
@RestController
@Tag(name = "Authentication")
class SignUpController {

    private final CommandGateway commands;
    private final PasswordEncoder passwordEncoder;
    private final AccountDirectory directory;
    private final EmailCodes codes;
    private final AccountMail mail;
    private final RateLimit perAddress;
    private final RateLimit perEmail;
    private final ReadYourWrites writes;

    SignUpController(CommandGateway commands, PasswordEncoder passwordEncoder, AccountDirectory directory,
                     EmailCodes codes, AccountMail mail, RateLimits limits, ReadYourWrites writes) {
        this.commands = commands;
        this.passwordEncoder = passwordEncoder;
        this.directory = directory;
        this.codes = codes;
        this.mail = mail;
        this.perAddress = limits.named("signup-address");
        this.perEmail = limits.named("signup-email");
        this.writes = writes;
    }

    @PostMapping("/api/auth/signup")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start signing up: a code is mailed to the address; confirm it at /api/auth/signup/verify")
    CodeSent signUp(@Valid @RequestBody SignUpRequest request, HttpServletRequest http) {
        String email = AuthController.normalize(request.email());
        perAddress.take(http.getRemoteAddr());
        perEmail.take(email);
        // hashed whether or not it is needed, so both answers take as long
        String passwordHash = passwordEncoder.encode(request.password());
        if (directory.findByEmail(email).isPresent()) {
            mail.alreadyRegistered(email);
        } else {
            mail.signUpCode(email, codes.issueForSignUp(email, passwordHash, request.name().strip()),
                            codes.validity());
        }
        return new CodeSent(codes.validity().toSeconds());
    }

    @PostMapping("/api/auth/signup/verify")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Confirm the mailed code: the account is made with what was given at sign-up")
    SignedUp verify(@Valid @RequestBody VerifyRequest request) {
        String email = AuthController.normalize(request.email());
        EmailCodes.Pending pending = codes.redeem(email, request.code())
                                          .filter(EmailCodes.Pending::isSignUp)
                                          .orElseThrow(SignUpController::invalidCode);
        String userId = UUID.randomUUID().toString();
        SignUpUserCommand command = new SignUpUserCommand(userId, email, pending.passwordHash(), pending.name(),
                                                          Role.USER);
        writes.write(() -> commands.sendAndWait(command), ReadModels.USER_PROFILES);
        return new SignedUp(userId);
    }

    static RejectedException invalidCode() {
        return new RejectedException(Rejection.invalid(
                "invalid_verification_code",
                "The code is wrong, used or expired; after " + EmailCodes.MAX_TRIES
                + " wrong tries it is gone: ask for a new one."));
    }

    record SignUpRequest(@NotBlank @Email @Size(max = 254) String email,
                         @NotBlank @Pattern(regexp = AuthController.PASSWORD_RULE,
                                            message = AuthController.PASSWORD_MESSAGE) String password,
                         @NotBlank @Size(max = 50) String name) {
    }

    record VerifyRequest(@NotBlank @Size(max = 254) String email,
                         @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits mailed") String code) {
    }

    /** {@code codeExpiresIn}: seconds the mailed code is good for. */
    record CodeSent(long codeExpiresIn) {
    }

    record SignedUp(String userId) {
    }
}
