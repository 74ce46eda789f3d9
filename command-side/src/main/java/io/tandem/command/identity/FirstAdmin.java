package io.tandem.command.identity;

import io.tandem.api.identity.IdentityCommands.GrantRoleCommand;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.Role;
import io.tandem.platform.axon.Rejections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The first administrator comes from configuration ({@code TANDEM_ADMIN_EMAIL}, {@code TANDEM_ADMIN_PASSWORD}):
 * created at start-up when the email is unknown. An existing account with that email is made an administrator only
 * if its password is the configured one (security review M1): the address alone says nothing about who made the
 * account. This runs once Axon has started and before the web server takes requests, so no request can slip in
 * while it decides. Either way one line in the log names the account, with its email masked: logs are kept and
 * shipped where personal data must not go.
 */
@Component
class FirstAdmin implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final String email;
    private final String password;
    private final AccountDirectory directory;
    private final CommandGateway commands;
    private final PasswordEncoder passwordEncoder;
    private volatile boolean running;

    FirstAdmin(@Value("${tandem.admin.email:}") String email, @Value("${tandem.admin.password:}") String password,
               AccountDirectory directory, CommandGateway commands, PasswordEncoder passwordEncoder) {
        this.email = email.isBlank() ? null : AuthController.normalize(email);
        this.password = password;
        this.directory = directory;
        this.commands = commands;
        this.passwordEncoder = passwordEncoder;
    }

    /** Right after Axon's commands work, well before the web server (Spring Boot starts it 1024 phases later). */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }

    @Override
    public void start() {
        running = true;
        if (email == null) {
            return;
        }
        var existing = directory.findByEmail(email);
        if (existing.isPresent()) {
            String hash = existing.get().passwordHash();
            if (hash != null && passwordEncoder.matches(password, hash)) {
                commands.sendAndWait(new GrantRoleCommand(existing.get().userId(), Role.ADMIN));
                log.info("Administrator from tandem.admin.email: the account {} ({}) has the ADMIN role",
                         masked(email), existing.get().userId());
            } else {
                log.error("TANDEM_ADMIN_EMAIL {} belongs to an account whose password is not TANDEM_ADMIN_PASSWORD: "
                          + "it is NOT made an administrator. Erase that account or configure another email.",
                          masked(email));
            }
            return;
        }
        if (!password.matches(AuthController.PASSWORD_RULE)) {
            throw new IllegalStateException("TANDEM_ADMIN_PASSWORD " + AuthController.PASSWORD_MESSAGE);
        }
        try {
            commands.sendAndWait(new SignUpUserCommand(UUID.randomUUID().toString(), email,
                                                       passwordEncoder.encode(password), "Administrator",
                                                       Role.ADMIN));
            log.info("Administrator from tandem.admin.email: created the account {} with the ADMIN role",
                     masked(email));
        } catch (RuntimeException failure) {
            // another node created it at the same moment
            if (Rejections.of(failure).isEmpty()) {
                throw failure;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** {@code j***@example.com}: enough to tell which address was configured, not enough to read it back. */
    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
