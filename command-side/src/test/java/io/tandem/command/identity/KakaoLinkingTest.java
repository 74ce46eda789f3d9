package io.tandem.command.identity;

import io.tandem.api.RejectedException;
import io.tandem.api.identity.IdentityCommands.LinkKakaoAccountCommand;
import io.tandem.api.identity.IdentityCommands.VerifyEmailCommand;
import io.tandem.api.identity.IdentityEvents.EmailVerifiedEvent;
import io.tandem.api.identity.IdentityEvents.KakaoAccountLinkedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedOutEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import io.tandem.testsupport.SharedPostgres;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * Security review H1 in the account itself: linking Kakao without the password proven needs an email its owner
 * verified, and every link ends the account's other sessions. The directory is the real table.
 */
class KakaoLinkingTest {

    private static final String[] MIGRATIONS = {
            "db/migration/command/V2026.11.22.0200__account_directory.sql",
            "db/migration/command/V2026.12.06.0510__email_verification.sql"};

    private final String user = UUID.randomUUID().toString();
    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() throws Exception {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(SharedPostgres.newDatabase(),
                                                                        SharedPostgres.USERNAME, ""));
        for (String migration : MIGRATIONS) {
            jdbc.sql(new ClassPathResource(migration).getContentAsString(StandardCharsets.UTF_8)).update();
        }
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerAnnotatedCommandHandler(new AccountRegistration(new AccountDirectory(jdbc),
                                                                        fixture.getRepository()));
    }

    /** An account from before sign-ups were verified: nothing proves its email is its owner's. */
    private UserSignedUpEvent olderSignUp() {
        return new UserSignedUpEvent(user, "kim@example.com", "{bcrypt}hash", "Kim", Role.USER, null, null);
    }

    @Test
    void anUnverifiedAccountIsNeverLinkedAutomatically() {
        fixture.given(olderSignUp())
               .when(new LinkKakaoAccountCommand(user, 42, false))
               .expectNoEvents()
               .expectException(predicate(failure -> failure instanceof RejectedException rejected
                                                     && rejected.rejection().code().equals("email_not_verified")));
    }

    @Test
    void aVerifiedAccountIsLinkedAndItsOtherSessionsEnd() {
        fixture.given(olderSignUp(), new EmailVerifiedEvent(user))
               .when(new LinkKakaoAccountCommand(user, 42, false))
               .expectEvents(new KakaoAccountLinkedEvent(user, 42L), new UserSignedOutEvent(user))
               .expectResultMessagePayload(true);
    }

    @Test
    void thePasswordProvenInASessionLinksAnUnverifiedAccountToo() {
        fixture.given(olderSignUp())
               .when(new LinkKakaoAccountCommand(user, 42, true))
               .expectEvents(new KakaoAccountLinkedEvent(user, 42L), new UserSignedOutEvent(user));
    }

    @Test
    void linkingTheSameKakaoAccountAgainChangesNothing() {
        fixture.given(olderSignUp(), new KakaoAccountLinkedEvent(user, 42L))
               .when(new LinkKakaoAccountCommand(user, 42, true))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void anOlderAccountConfirmsItsEmailOnce() {
        fixture.given(olderSignUp())
               .when(new VerifyEmailCommand(user))
               .expectEvents(new EmailVerifiedEvent(user));
        fixture.given(olderSignUp(), new EmailVerifiedEvent(user))
               .when(new VerifyEmailCommand(user))
               .expectNoEvents();
    }
}
