package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.LinkKakaoAccountCommand;
import io.tandem.api.identity.IdentityCommands.SignUpKakaoUserCommand;
import io.tandem.command.identity.AccountDirectory.Credentials;
import io.tandem.platform.axon.Rejections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds or creates the account behind a Kakao login. An existing password account is linked only when both Kakao
 * and the account proved the same email (security review H1): an account whose address nobody proved might belong
 * to whoever typed it in, so the Kakao user gets an account of their own instead (without the email, which is
 * taken), and can link the two from a session of the older one with its password ({@link KakaoLinkController}).
 * Only an email Kakao verified is kept, so nobody claims an address through Kakao either.
 */
@Service
class KakaoSignIn {

    private final KakaoClient kakao;
    private final AccountDirectory directory;
    private final CommandGateway commands;
    private final AccountMail mail;

    KakaoSignIn(KakaoClient kakao, AccountDirectory directory, CommandGateway commands, AccountMail mail) {
        this.kakao = kakao;
        this.directory = directory;
        this.commands = commands;
        this.mail = mail;
    }

    String userIdFor(String code, String redirectUri) {
        KakaoClient.KakaoUser user = kakao.userFor(code, redirectUri);
        Optional<String> linked = directory.findUserIdByKakaoId(user.id());
        if (linked.isPresent()) {
            return linked.get();
        }
        String verifiedEmail = user.emailVerified() ? user.email() : null;
        Optional<Credentials> sameEmail = verifiedEmail == null ? Optional.empty()
                                                                : directory.findByEmail(verifiedEmail);
        try {
            if (sameEmail.isPresent() && sameEmail.get().verified() && sameEmail.get().passwordHash() != null) {
                String userId = sameEmail.get().userId();
                if (commands.<Boolean>sendAndWait(new LinkKakaoAccountCommand(userId, user.id(), false))) {
                    mail.kakaoLinked(verifiedEmail, Instant.now());
                }
                return userId;
            }
            String userId = UUID.randomUUID().toString();
            commands.sendAndWait(new SignUpKakaoUserCommand(userId, user.id(),
                                                            sameEmail.isPresent() ? null : verifiedEmail,
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
