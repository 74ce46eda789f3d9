package io.tandem.saga.payment;

import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;

/** A real {@link BootpayClient} pointed at a loopback Bootpay, for tests outside this package (saga fixtures). */
public final class LoopbackBootpayClients {

    private LoopbackBootpayClients() {
    }

    public static BootpayClient create(BootpayLoopbackServer server) {
        return new BootpayClient(new BootpayProperties(server.baseUrl(), BootpayLoopbackServer.APPLICATION_ID,
                                                       "client-app", BootpayLoopbackServer.PRIVATE_KEY, false,
                                                       List.of(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                                 RestClient.builder());
    }
}
