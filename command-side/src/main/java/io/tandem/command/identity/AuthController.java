package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityCommands.SignOutCommand;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.Role;
import io.tandem.command.identity.TokenService.TokenPair;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.UUID;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    static final String PASSWORD_RULE = "(?=.*[A-Za-z])(?=.*\\d).{8,72}";
    static final String PASSWORD_MESSAGE = "must be 8 to 72 characters with at least one letter and one digit";

    private final CommandGateway commands;
    private final PasswordEncoder passwordEncoder;
    private final AccountDirectory directory;
    private final TokenService tokens;
    private final KakaoSignIn kakaoSignIn;
    private final ReadYourWrites writes;
    /** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
    private final String decoyHash;

    AuthController(CommandGateway commands, PasswordEncoder passwordEncoder, AccountDirectory directory,
                   TokenService tokens, KakaoSignIn kakaoSignIn, ReadYourWrites writes) {
        this.commands = commands;
        this.passwordEncoder = passwordEncoder;
        this.directory = directory;
        this.tokens = tokens;
        this.kakaoSignIn = kakaoSignIn;
        this.writes = writes;
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account with email and password")
    SignedUp signUp(@Valid @RequestBody SignUpRequest request) {
        String userId = UUID.randomUUID().toString();
        String email = normalize(request.email());
        SignUpUserCommand command = new SignUpUserCommand(userId, email, passwordEncoder.encode(request.password()),
                                                          request.name().strip(), Role.USER);
        writes.write(() -> commands.sendAndWait(command), ReadModels.USER_PROFILES);
        return new SignedUp(userId);
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with email (as username) and password")
    TokenPair login(@Valid @RequestBody LoginRequest request) {
        var credentials = directory.findByEmail(normalize(request.username()));
        String hash = credentials.map(AccountDirectory.Credentials::passwordHash).orElse(null);
        boolean matches = passwordEncoder.matches(request.password(), hash != null ? hash : decoyHash);
        if (credentials.isEmpty() || hash == null || !matches) {
            throw new RejectedException(Rejection.unauthorized("invalid_credentials",
                                                               "The email or password is wrong."));
        }
        return tokens.startSession(credentials.get().userId());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair; the old refresh token stops working")
    TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return tokens.rotate(request.refreshToken());
    }

    @PostMapping("/signout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke every refresh token of the signed-in user")
    void signOut() {
        commands.sendAndWait(new SignOutCommand(CurrentUser.id()));
    }

    @PostMapping("/signin")
    @Operation(summary = "Sign in with an OAuth provider (kakao); signs up on first use")
    TokenPair signIn(@Valid @RequestBody SignInRequest request) {
        if (!"kakao".equals(request.provider())) {
            throw new RejectedException(Rejection.invalid("unsupported_provider",
                                                          "provider must be \"kakao\""));
        }
        return tokens.startSession(kakaoSignIn.userIdFor(request.code(), request.redirectUri()));
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    record SignUpRequest(@NotBlank @Email @Size(max = 254) String email,
                         @NotBlank @Pattern(regexp = PASSWORD_RULE, message = PASSWORD_MESSAGE) String password,
                         @NotBlank @Size(max = 50) String name) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String username, @NotBlank @Size(max = 72) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record SignInRequest(@NotBlank String provider, @NotBlank @Size(max = 512) String code,
                         @NotBlank @Size(max = 2048) String redirectUri) {
    }

    record SignedUp(String userId) {
    }
}
