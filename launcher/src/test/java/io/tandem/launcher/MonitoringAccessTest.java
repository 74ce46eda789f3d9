package io.tandem.launcher;

import io.tandem.platform.security.JwtProperties;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Security review L3: metrics are for administrators (the tests open the API document, see TandemTestServers). */
// metrics are exported as in production (Spring Boot's tests turn exporters off otherwise)
@AutoConfigureObservability
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class MonitoringAccessTest {

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;

    @Test
    void metricsAnswerAdministratorsOnly() {
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port);
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Curious");
        TestTokens tokens = new TestTokens(jwtEncoder, jwtProperties);
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            ApiResponse stranger = anonymous.get(path);
            assertThat(stranger.status()).as(path).isEqualTo(401);
            assertThat(stranger.contentType()).startsWith("application/problem+json");
            assertThat(user.api().get(path).status()).as(path).isEqualTo(403);
            // past the security chain (tests run without a Prometheus registry, so that one is then a 404)
            assertThat(anonymous.as(tokens.admin(user.id())).get(path).status()).as(path).isEqualTo(200);
        }
    }
}
