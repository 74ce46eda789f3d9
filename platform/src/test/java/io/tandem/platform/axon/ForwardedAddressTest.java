package io.tandem.platform.axon;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review L4: whoever connects to a service directly cannot choose the address that rate limits count and
 * the audit trail records by sending {@code X-Forwarded-For}; only the gateway can. The services run with
 * docker-compose.yml's own settings here (read from it), on Tomcat as in production; the address comes out of
 * {@link RequestDetails}, as it does for the audit trail and the per-address rate limits.
 */
class ForwardedAddressTest {

    private static final String SPOOFED = "203.0.113.9";

    @Test
    void aClientThatIsNotTheGatewayCannotChooseItsAddress() throws Exception {
        try (ConfigurableApplicationContext service = start(composeSetting("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"))) {
            assertThat(composeSetting("SERVER_FORWARD_HEADERS_STRATEGY")).isEqualTo("native");
            assertThat(addressSeenBy(service, SPOOFED)).isEqualTo("127.0.0.1");
            assertThat(addressSeenBy(service, SPOOFED + ", 198.51.100.4")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void theGatewaysForwardedAddressIsTheClients() throws Exception {
        // this test's client plays the gateway: its loopback address is the one trusted
        try (ConfigurableApplicationContext service = start("127\\.0\\.0\\.1")) {
            assertThat(addressSeenBy(service, SPOOFED)).isEqualTo(SPOOFED);
            assertThat(addressSeenBy(service, null)).isEqualTo("127.0.0.1");
        }
    }

    private static ConfigurableApplicationContext start(String trustedProxies) throws IOException {
        return new SpringApplicationBuilder(EchoAddress.class)
                .properties("server.port=0", "spring.main.banner-mode=off",
                            "server.forward-headers-strategy=" + composeSetting("SERVER_FORWARD_HEADERS_STRATEGY"),
                            "server.tomcat.remoteip.internal-proxies=" + trustedProxies)
                .run();
    }

    private static String addressSeenBy(ConfigurableApplicationContext service, String forwardedFor) throws Exception {
        int port = ((ServletWebServerApplicationContext) service).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/address"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A value of the services' shared environment in docker-compose.yml. */
    private static String composeSetting(String name) throws IOException {
        String compose = Files.readString(Path.of("../docker-compose.yml"));
        Matcher setting = Pattern.compile("(?m)^\\s+" + name + ":\\s*(\\S+)\\s*$").matcher(compose);
        assertThat(setting.find()).as("%s in docker-compose.yml", name).isTrue();
        return setting.group(1);
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class,
                              EmbeddedWebServerFactoryCustomizerAutoConfiguration.class,
                              DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
                              HttpMessageConvertersAutoConfiguration.class})
    @RestController
    static class EchoAddress {

        @GetMapping("/address")
        String address(HttpServletRequest request) {
            return RequestDetails.of(request, false).clientIp();
        }
    }
}
