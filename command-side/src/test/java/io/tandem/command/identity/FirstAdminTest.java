package io.tandem.command.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.Role;
import io.tandem.command.CommandSideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review M1: the configured administrator email alone never makes its holder an administrator. Whoever
 * holds the address (after the admin account was erased, or before the variable was set) must also hold the
 * configured password.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class FirstAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    AccountDirectory directory;
    @Autowired
    CommandGateway commands;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    ApplicationContext context;

    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void anAccountHoldingTheAdminEmailIsNotPromotedWithoutTheAdminPassword() throws Exception {
        String email = "boss-" + UUID.randomUUID() + "@corp.test";
        commands.sendAndWait(new SignUpUserCommand(UUID.randomUUID().toString(), email,
                                                   passwordEncoder.encode("Evil1234"), "Evil", Role.USER));

        startFirstAdmin(email, "Adm1nPass9");

        assertThat(rolesAfterLogin(email, "Evil1234")).doesNotContain("ADMIN");
    }

    @Test
    void theAccountWhosePasswordIsTheAdminPasswordIsPromoted() throws Exception {
        String email = "boss-" + UUID.randomUUID() + "@corp.test";
        commands.sendAndWait(new SignUpUserCommand(UUID.randomUUID().toString(), email,
                                                   passwordEncoder.encode("Adm1nPass9"), "Boss", Role.USER));

        startFirstAdmin(email, "Adm1nPass9");

        assertThat(rolesAfterLogin(email, "Adm1nPass9")).contains("ADMIN");
    }

    /** The configured administrator is settled before the web server takes the first request. */
    @Test
    void theAdministratorIsSettledBeforeTheWebServerStarts() {
        int firstAdmin = context.getBean(FirstAdmin.class).getPhase();
        assertThat(firstAdmin).isGreaterThan(SpringAxonConfiguration.LIFECYCLE_PHASE)
                              .isLessThan(((SmartLifecycle) context.getBean("webServerStartStop")).getPhase());
    }

    private void startFirstAdmin(String email, String password) {
        new FirstAdmin(email, password, directory, commands, passwordEncoder).start();
    }

    private String rolesAfterLogin(String email, String password) throws Exception {
        ApiResponse login = api.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String payload = login.json().get("access_token").asText().split("\\.")[1];
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
        return claims.get("roles").toString();
    }
}
