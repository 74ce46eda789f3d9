package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityCommands.SignOutCommand;
import io.tandem.command.identity.TokenService.TokenPair;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import io.tandem.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/** Sessions: logging in (password or Kakao), refreshing, signing out. Sign-ups are {@link SignUpController}'s. */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    static final String PASSWORD_RULE = "(?=.*[A-Za-z])(?=.*\\d).{8,72}";
    static final String PASSWORD_MESSAGE = "must be 8 to 72 characters with at least one letter and one digit";

    private final CommandGateway commands;
    private final AccountDirectory directory;
    private final PasswordChecks passwords;
    private final TokenService tokens;
    private final KakaoSignIn kakaoSignIn;
    private final RateLimit loginsPerAddress;
    private final RateLimit refreshesPerAddress;
    private final RateLimit signInsPerAddress;

    AuthController(CommandGateway commands, AccountDirectory directory, PasswordChecks passwords,
                   TokenService tokens, KakaoSignIn kakaoSignIn, RateLimits limits) {
        this.commands = commands;
        this.directory = directory;
        this.passwords = passwords;
        this.tokens = tokens;
        this.kakaoSignIn = kakaoSignIn;
        this.loginsPerAddress = limits.named("login-address");
        this.refreshesPerAddress = limits.named("refresh-address");
        this.signInsPerAddress = limits.named("signin-address");
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with email (as username) and password")
    TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        loginsPerAddress.take(http.getRemoteAddr());
        String email = normalize(request.username());
        var account = directory.findByEmail(email);
        if (!passwords.matches(email, account, request.password())) {
            throw new RejectedException(Rejection.unauthorized("invalid_credentials",
                                                               "The email or password is wrong."));
        }
        return tokens.startSession(account.orElseThrow().userId());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair; the old refresh token stops working")
    TokenPair refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        refreshesPerAddress.take(http.getRemoteAddr());
        return tokens.rotate(request.refreshToken());
    }

    @PostMapping("/signout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End every session of the signed-in user: refresh tokens and access tokens alike")
    void signOut() {
        commands.sendAndWait(new SignOutCommand(CurrentUser.id()));
    }

    @PostMapping("/signin")
    @Operation(summary = "Sign in with an OAuth provider (kakao); signs up on first use")
    TokenPair signIn(@Valid @RequestBody SignInRequest request, HttpServletRequest http) {
        signInsPerAddress.take(http.getRemoteAddr());
        if (!"kakao".equals(request.provider())) {
            throw new RejectedException(Rejection.invalid("unsupported_provider",
                                                          "provider must be \"kakao\""));
        }
        return tokens.startSession(kakaoSignIn.userIdFor(request.code(), request.redirectUri()));
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    record LoginRequest(@NotBlank @Size(max = 254) String username, @NotBlank @Size(max = 72) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record SignInRequest(@NotBlank String provider, @NotBlank @Size(max = 512) String code,
                         @NotBlank @Size(max = 2048) String redirectUri) {
    }
}
