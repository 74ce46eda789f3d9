package io.tandem.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review L2 and L4 in services mode, where nothing but the shipped configuration decides: the gateway
 * tells the services the connecting address (never a client's own X-Forwarded-For), the services trust that header
 * from the gateway's fixed address alone, payment notifications come from Bootpay's range by default, and the
 * gateway's access log keeps no query string (where a stream ticket travels).
 */
class GatewayTrustTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theGatewayAloneSaysWhoTheClientIs() throws IOException {
        String nginx = Files.readString(ROOT.resolve("gateway/nginx.conf"));
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));

        assertThat(nginx).containsPattern("proxy_set_header\\s+X-Forwarded-For\\s+\\$remote_addr;")
                         .doesNotContain("$proxy_add_x_forwarded_for");
        assertThat(nginx).doesNotContain("$request_uri").contains("\"uri\":\"$uri\"");
        assertThat(compose).contains("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES: 172\\.28\\.0\\.10")
                           .containsPattern("gateway:(?s).*ipv4_address: 172\\.28\\.0\\.10")
                           .contains("TANDEM_BOOTPAY_ALLOWED_WEBHOOK_IPS: ${TANDEM_BOOTPAY_ALLOWED_WEBHOOK_IPS:-"
                                     + "223.130.82.0/24}");
    }
}
