package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.LinkKakaoAccountCommand;
import io.tandem.api.identity.IdentityCommands.SignUpKakaoUserCommand;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates accounts after claiming their email or Kakao id in the {@link AccountDirectory}, in one unit of work:
 * a claim that loses a race rolls the whole sign-up back.
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
    void handle(LinkKakaoAccountCommand command) {
        accounts.load(command.userId()).execute(account -> account.linkKakao(command.kakaoId()));
        directory.claimKakaoId(command.userId(), command.kakaoId());
    }
}
