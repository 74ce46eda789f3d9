package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.LinkKakaoAccountCommand;
import io.tandem.api.identity.IdentityCommands.SignUpKakaoUserCommand;
import io.tandem.platform.axon.Rejections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds or creates the account behind a Kakao login. An existing email account is linked only when Kakao says it
 * verified that email; otherwise the Kakao account gets an account of its own, without the email if it is taken.
 */
@Service
class KakaoSignIn {

    private final KakaoClient kakao;
    private final AccountDirectory directory;
    private final CommandGateway commands;

    KakaoSignIn(KakaoClient kakao, AccountDirectory directory, CommandGateway commands) {
        this.kakao = kakao;
        this.directory = directory;
        this.commands = commands;
    }

    String userIdFor(String code, String redirectUri) {
        KakaoClient.KakaoUser user = kakao.userFor(code, redirectUri);
        Optional<String> linked = directory.findUserIdByKakaoId(user.id());
        if (linked.isPresent()) {
            return linked.get();
        }
        Optional<AccountDirectory.Credentials> sameEmail =
                user.email() == null ? Optional.empty() : directory.findByEmail(user.email());
        try {
            if (sameEmail.isPresent() && user.emailVerified()) {
                commands.sendAndWait(new LinkKakaoAccountCommand(sameEmail.get().userId(), user.id()));
                return sameEmail.get().userId();
            }
            String userId = UUID.randomUUID().toString();
            commands.sendAndWait(new SignUpKakaoUserCommand(userId, user.id(),
                                                            sameEmail.isPresent() ? null : user.email(),
                                                            user.nickname(), user.profileImageUrl()));
            return userId;
        } catch (RuntimeException failure) {
            // a concurrent first login with the same Kakao account won the race: use the account it created
            return Rejections.of(failure)
                             .flatMap(rejection -> directory.findUserIdByKakaoId(user.id()))
                             .orElseThrow(() -> failure);
        }
    }
}
