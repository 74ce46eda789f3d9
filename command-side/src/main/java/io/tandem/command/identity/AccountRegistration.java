package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.LinkKakaoAccountCommand;
import io.tandem.api.identity.IdentityCommands.SignUpKakaoUserCommand;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.IdentityCommands.VerifyEmailCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates accounts after claiming their email or Kakao id in the {@link AccountDirectory}, and keeps the directory's
 * claims and verification in step with the account, in one unit of work: a claim that loses a race rolls the whole
 * change back.
 */
@Component
class AccountRegistration {

    private final AccountDirectory directory;
    private final Repository<UserAccount> accounts;

    AccountRegistration(AccountDirectory directory, Repository<UserAccount> accounts) {
        this.directory = directory;
        this.accounts = accounts;
    }

    @CommandHandler
    String handle(SignUpUserCommand command) throws Exception {
        directory.claim(command.userId(), command.email(), command.passwordHash(), null);
        accounts.newInstance(() -> UserAccount.signUp(command));
        return command.userId();
    }

    @CommandHandler
    String handle(SignUpKakaoUserCommand command) throws Exception {
        directory.claim(command.userId(), command.email(), null, command.kakaoId());
        accounts.newInstance(() -> UserAccount.signUpWithKakao(command));
        return command.userId();
    }

    @CommandHandler
    boolean handle(LinkKakaoAccountCommand command) {
        boolean linked = accounts.load(command.userId())
                                 .invoke(account -> account.linkKakao(command.kakaoId(), command.passwordProven()));
        if (linked) {
            directory.claimKakaoId(command.userId(), command.kakaoId());
        }
        return linked;
    }

    @CommandHandler
    void handle(VerifyEmailCommand command) {
        accounts.load(command.userId()).execute(UserAccount::verifyEmail);
        directory.markVerified(command.userId());
    }
}
