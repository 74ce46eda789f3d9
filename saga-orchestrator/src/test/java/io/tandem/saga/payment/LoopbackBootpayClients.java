package io.tandem.saga.payment;

import io.tandem.saga.refund.Refunds;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;

/** Refunds through a real {@link BootpayClient} pointed at a loopback Bootpay, for saga fixtures. */
public final class LoopbackBootpayClients {

    private LoopbackBootpayClients() {
    }

    public static Refunds refunds(BootpayLoopbackServer server) {
        return new BootpayRefunds(create(server));
    }

    static BootpayClient create(BootpayLoopbackServer server) {
        return new BootpayClient(new BootpayProperties(server.baseUrl(), BootpayLoopbackServer.APPLICATION_ID,
                                                       "client-app", BootpayLoopbackServer.PRIVATE_KEY, false,
                                                       List.of(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                                 RestClient.builder());
    }
}
