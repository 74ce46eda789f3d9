package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityCommands.LinkKakaoAccountCommand;
import io.tandem.command.identity.AccountDirectory.Credentials;
import io.tandem.command.identity.TokenService.TokenPair;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Optional;

/**
 * Linking a Kakao account on purpose, from a signed-in session whose user proves the password again: how an account
 * whose email was never verified gets Kakao sign-in (security review H1). Every other session ends, the owner is
 * mailed, and the caller gets a new token pair.
 */
@RestController
@Tag(name = "Profile")
class KakaoLinkController {

    private final KakaoClient kakao;
    private final AccountDirectory directory;
    private final PasswordChecks passwords;
    private final CommandGateway commands;
    private final TokenService tokens;
    private final AccountMail mail;

    KakaoLinkController(KakaoClient kakao, AccountDirectory directory, PasswordChecks passwords,
                        CommandGateway commands, TokenService tokens, AccountMail mail) {
        this.kakao = kakao;
        this.directory = directory;
        this.passwords = passwords;
        this.commands = commands;
        this.tokens = tokens;
        this.mail = mail;
    }

    @PostMapping("/api/user/kakao")
    @Operation(summary = "Link a Kakao account to yours (your password confirms it); answers a new token pair")
    TokenPair link(@Valid @RequestBody LinkRequest request) {
        String userId = CurrentUser.id();
        Optional<Credentials> account = directory.findById(userId);
        String login = account.map(Credentials::email).orElse(userId);
        if (!passwords.matches(login, account, request.password())) {
            throw new RejectedException(Rejection.unauthorized("invalid_credentials", "The password is wrong."));
        }
        KakaoClient.KakaoUser kakaoUser = kakao.userFor(request.code(), request.redirectUri());
        if (directory.findUserIdByKakaoId(kakaoUser.id()).filter(holder -> !holder.equals(userId)).isPresent()) {
            throw new RejectedException(Rejection.conflict("kakao_account_taken",
                                                           "This Kakao account is linked to another account."));
        }
        if (commands.<Boolean>sendAndWait(new LinkKakaoAccountCommand(userId, kakaoUser.id(), true))
            && account.orElseThrow().email() != null) {
            mail.kakaoLinked(account.get().email(), Instant.now());
        }
        return tokens.startSession(userId);
    }

    record LinkRequest(@NotBlank @Size(max = 512) String code, @NotBlank @Size(max = 2048) String redirectUri,
                       @NotBlank @Size(max = 72) String password) {
    }
}
