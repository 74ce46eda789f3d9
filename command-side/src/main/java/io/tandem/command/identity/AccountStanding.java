package io.tandem.command.identity;

import io.tandem.command.identity.AccountDirectory.Credentials;
import org.springframework.stereotype.Component;

/** What other features may ask about an account from inside their own command handlers. */
@Component
public class AccountStanding {

    private final AccountDirectory directory;

    AccountStanding(AccountDirectory directory) {
        this.directory = directory;
    }

    /**
     * Whether the account's owner proved the identity it was made with (a mailed code, Kakao, or the operator's
     * configuration); false for accounts made before sign-ups were verified, until they confirm their email.
     */
    public boolean isVerified(String userId) {
        return directory.findById(userId).map(Credentials::verified).orElse(false);
    }
}
