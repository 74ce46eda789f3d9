package io.tandem.launcher;

import io.tandem.testsupport.TandemTestServersWithSearch;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Every side in one JVM on the test servers, with Bootpay on loopback and short payment and refund-retry delays so
 * expiries and retries happen within a test, and a plan reminder lead that makes a plan an hour away remind within
 * seconds. One configuration for all such tests, so they share one context.
 */
public class AllInOneTestServers extends TandemTestServersWithSearch {

    static final BootpayLoopbackServer BOOTPAY = startBootpay();
    /** Small, so the audit tests can ask for an export over it. */
    static final int AUDIT_EXPORT_MAX_EVENTS = 5;
    /** The console links to it; nothing listens there. */
    static final String AXON_SERVER_DASHBOARD_URL = "http://axonserver.test:8024/";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        TestPropertyValues.of(
                "tandem.bootpay.base-url=" + BOOTPAY.baseUrl(),
                "tandem.bootpay.application-id=" + BootpayLoopbackServer.APPLICATION_ID,
                "tandem.bootpay.private-key=" + BootpayLoopbackServer.PRIVATE_KEY,
                "tandem.bootpay.client-application-id=loopback-client-application-id",
                "tandem.booking.payment-timeout=15s",
                "tandem.booking.refund-retry.first-delay=1s",
                "tandem.couple.plan-reminder-lead=PT59M50S",
                "tandem.audit.export.max-events=" + AUDIT_EXPORT_MAX_EVENTS,
                "tandem.audit.chain.anchor-to-storage=true",
                "tandem.operations.console.axon-server-dashboard-url=" + AXON_SERVER_DASHBOARD_URL
        ).applyTo(context);
    }

    private static BootpayLoopbackServer startBootpay() {
        try {
            return new BootpayLoopbackServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
