package io.tandem.saga.payment;

import io.tandem.platform.security.JwtProperties;
import io.tandem.saga.SagaOrchestratorApplication;
import io.tandem.saga.payment.PaymentTestSupport.CommandSideStandIn;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.tandem.saga.payment.PaymentTestSupport.bookingNumber;
import static io.tandem.saga.payment.PaymentTestSupport.placed;
import static io.tandem.testsupport.ApiClient.json;

/**
 * The payment edge over HTTP on the saga orchestrator, with booking events in the real event store, Bootpay as a
 * loopback server, and a stand-in for the command side. One context (and one loopback Bootpay) for every test class
 * extending this; refunds are retried after a short delay so a retry happens within a test.
 */
@SpringBootTest(classes = SagaOrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({SagaOrchestratorApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
@Import(CommandSideStandIn.class)
abstract class PaymentEdgeTest {

    static final BootpayLoopbackServer BOOTPAY = BootpayLoopbackServer.start();
    static final long FARE = 250_000;
    /**
     * Webhooks one address may send per hour here: above what every class sharing this context sends from 127.0.0.1
     * (the limit tests send from addresses of their own), over an hour, so that what refills while a slow machine
     * runs a test is far below one request.
     */
    static final int WEBHOOKS_PER_ADDRESS = 400;

    @DynamicPropertySource
    static void bootpay(DynamicPropertyRegistry registry) {
        BOOTPAY.settings(PaymentTestSupport.CLIENT_APPLICATION_ID)
               .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tandem.booking.refund-retry.first-delay", () -> "200ms");
        registry.add("tandem.rate-limit.webhook-address", () -> WEBHOOKS_PER_ADDRESS + "/1h");
        registry.add("tandem.rate-limit.payment-user", () -> "10/1h");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    CommandSideStandIn commandSide;

    ApiClient anonymous;
    String userId;
    ApiClient traveller;
    String booking;

    @BeforeEach
    void setUpTraveller() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        userId = UUID.randomUUID().toString();
        traveller = as(userId);
        booking = bookingNumber();
    }

    void place(String bookingNumber, String owner, long amount, Object... later) {
        PaymentTestSupport.place(events, jdbc, placed(bookingNumber, owner, amount,
                                                      Instant.now().plus(Duration.ofMinutes(15))), later);
    }

    ApiResponse init(String bookingNumber) {
        return traveller.post("/api/payments/init", json(Map.of("booking_number", bookingNumber)));
    }

    /** Bootpay's notification as Bootpay words it; only its receipt id is believed. */
    ApiResponse webhook(String receiptId, String orderId, long price, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receipt_id", receiptId);
        body.put("order_id", orderId);
        body.put("price", price);
        body.put("tax_free", 0);
        body.put("order_name", "KE703 ICN→NRT 12C");
        body.put("pg", "나이스페이");
        body.put("method", "카드");
        body.put("status", status);
        body.put("status_locale", status == 1 ? "결제완료" : "상태 " + status);
        body.put("webhook_type", status == 20 ? "PAYMENT_CANCELLED" : "PAYMENT_COMPLETED");
        return anonymous.post("/api/payments/webhook", json(body));
    }

    static ApiResponse attach(ApiClient client, String bookingNumber, String receiptId) {
        return client.post("/api/payments/attach-booking",
                           json(Map.of("booking_number", bookingNumber, "receipt_id", receiptId)));
    }

    ApiClient as(String user) {
        return anonymous.as(PaymentTestSupport.token(jwtEncoder, jwtProperties, user));
    }

    String orderStatus(String bookingNumber) {
        return jdbc.sql("SELECT status FROM payment_order WHERE booking_number = :id")
                   .param("id", bookingNumber).query(String.class).optional().orElse(null);
    }
}
