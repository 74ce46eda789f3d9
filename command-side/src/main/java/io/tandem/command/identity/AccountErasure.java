package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.EraseUserCommand;
import io.tandem.platform.personaldata.PersonalDataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Forgets a person in one unit of work (one transaction when events live in PostgreSQL): the account records
 * {@code UserErasedEvent}, the directory frees the email and Kakao id, and the personal-data key is destroyed, so
 * every personal field in the person's events reads as null from the moment the erasure is answered. Should any
 * step fail, nothing is erased and the caller may try again; erasing an erased account repeats only the idempotent
 * steps, which also repairs an erasure whose key deletion did not commit with the event (Axon Server mode).
 */
@Component
class AccountErasure {

    private final Repository<UserAccount> accounts;
    private final AccountDirectory directory;
    private final PersonalDataKeys keys;

    AccountErasure(Repository<UserAccount> accounts, AccountDirectory directory, PersonalDataKeys keys) {
        this.accounts = accounts;
        this.directory = directory;
        this.keys = keys;
    }

    @CommandHandler
    void handle(EraseUserCommand command) {
        accounts.load(command.userId()).execute(UserAccount::erase);
        directory.release(command.userId());
        keys.erase(command.userId());
    }
}
