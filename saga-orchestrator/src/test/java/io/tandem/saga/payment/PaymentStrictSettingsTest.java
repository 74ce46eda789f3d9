package io.tandem.saga.payment;

import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.platform.security.JwtProperties;
import io.tandem.saga.SagaOrchestratorApplication;
import io.tandem.saga.payment.PaymentTestSupport.CommandSideStandIn;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.saga.payment.PaymentTestSupport.bookingNumber;
import static io.tandem.saga.payment.PaymentTestSupport.placed;
import static io.tandem.saga.payment.PaymentTestSupport.webhookRows;
import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strict settings: notifications only from Bootpay's range, behind a proxy whose X-Forwarded-For the server
 * trusts ({@code server.forward-headers-strategy=native}: Tomcat trusts loopback and private proxies), and
 * payments that wait for this server's confirmation.
 */
@SpringBootTest(classes = SagaOrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"tandem.bootpay.allowed-webhook-ips=223.130.82.0/24",
                              "tandem.bootpay.separately-confirmed=true",
                              "server.forward-headers-strategy=native"})
@ActiveProfiles({SagaOrchestratorApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
@Import(CommandSideStandIn.class)
class PaymentStrictSettingsTest {

    private static final BootpayLoopbackServer BOOTPAY = BootpayLoopbackServer.start();
    private static final String BOOTPAY_ADDRESS = "223.130.82.17";
    private static final long FARE = 180_000;

    @DynamicPropertySource
    static void bootpay(DynamicPropertyRegistry registry) {
        BOOTPAY.settings(PaymentTestSupport.CLIENT_APPLICATION_ID)
               .forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopBootpay() {
        BOOTPAY.close();
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

    private final HttpClient http = HttpClient.newHttpClient();
    private String userId;
    private ApiClient traveller;
    private String booking;

    @BeforeEach
    void setUp() {
        userId = UUID.randomUUID().toString();
        traveller = new ApiClient("http://127.0.0.1:" + port)
                .as(PaymentTestSupport.token(jwtEncoder, jwtProperties, userId));
        booking = bookingNumber();
    }

    @Test
    void notificationsComeOnlyFromTheAllowedRange() {
        place(booking, Instant.now().plus(Duration.ofMinutes(15)));
        String receiptId = BOOTPAY.createPayment(booking, FARE);

        HttpResponse<String> direct = webhook(receiptId, null);
        assertThat(direct.statusCode()).as("straight from 127.0.0.1").isEqualTo(403);
        assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> forged = webhook(receiptId, BOOTPAY_ADDRESS + ", 198.51.100.4");
        assertThat(forged.statusCode()).as("a client-written entry left of the proxy's is ignored").isEqualTo(403);
        assertThat(commandSide.paymentsOf(booking)).isEmpty();

        HttpResponse<String> viaProxy = webhook(receiptId, BOOTPAY_ADDRESS);
        assertThat(viaProxy.statusCode()).as(viaProxy.body()).isEqualTo(200);

        assertThat(webhookRows(jdbc, receiptId)).extracting(row -> row.get("remote_address") + " " + row.get("outcome"))
                                                .containsExactly("127.0.0.1 forbidden_source",
                                                                 "198.51.100.4 forbidden_source",
                                                                 BOOTPAY_ADDRESS + " recorded");
        assertThat(commandSide.paymentsOf(booking)).hasSize(1);
    }

    @Test
    void initTellsTheSdkToWaitForOurConfirmation() {
        place(booking, Instant.now().plus(Duration.ofMinutes(15)));

        ApiResponse init = traveller.post("/api/payments/init", json(Map.of("booking_number", booking)));

        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        assertThat(init.json().get("extra").get("separately_confirmed").asBoolean()).isTrue();
    }

    @Test
    void aPaymentAwaitingConfirmationIsConfirmedThenRecorded() {
        place(booking, Instant.now().plus(Duration.ofMinutes(15)));
        String receiptId = BOOTPAY.createPayment(booking, FARE, BootpayLoopbackServer.AWAITING_CONFIRM);

        assertThat(webhook(receiptId, BOOTPAY_ADDRESS).statusCode()).isEqualTo(200);

        assertThat(BOOTPAY.status(receiptId)).isEqualTo(BootpayLoopbackServer.PAID);
        assertThat(commandSide.paymentsOf(booking))
                .containsExactly(new RecordPaymentCommand(booking, receiptId, FARE, "card"));
        assertThat(webhookRows(jdbc, receiptId)).singleElement()
                                                .satisfies(row -> assertThat(row)
                                                        .containsEntry("outcome", "recorded")
                                                        .containsEntry("verified_status", 1));
    }

    @Test
    void attachConfirmsToo() {
        place(booking, Instant.now().plus(Duration.ofMinutes(15)));
        String receiptId = BOOTPAY.createPayment(booking, FARE, BootpayLoopbackServer.AWAITING_CONFIRM);

        ApiResponse attached = traveller.post("/api/payments/attach-booking",
                                              json(Map.of("booking_number", booking, "receipt_id", receiptId)));

        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        assertThat(attached.json().get("outcome").asText()).isEqualTo("recorded");
        assertThat(BOOTPAY.status(receiptId)).isEqualTo(BootpayLoopbackServer.PAID);
    }

    @Test
    void nothingIsConfirmedForAWrongPriceOrABookingPastItsDeadline() {
        place(booking, Instant.now().plus(Duration.ofMinutes(15)));
        String cheap = BOOTPAY.createPayment(booking, 1_000, BootpayLoopbackServer.AWAITING_CONFIRM);
        String lapsed = bookingNumber();
        place(lapsed, Instant.now().minusSeconds(60));
        String late = BOOTPAY.createPayment(lapsed, FARE, BootpayLoopbackServer.AWAITING_CONFIRM);

        assertThat(webhook(cheap, BOOTPAY_ADDRESS).statusCode()).isEqualTo(200);
        assertThat(webhook(late, BOOTPAY_ADDRESS).statusCode()).isEqualTo(200);

        assertThat(BOOTPAY.status(cheap)).isEqualTo(BootpayLoopbackServer.AWAITING_CONFIRM);
        assertThat(BOOTPAY.status(late)).isEqualTo(BootpayLoopbackServer.AWAITING_CONFIRM);
        assertThat(webhookRows(jdbc, cheap)).extracting(row -> row.get("outcome")).containsExactly("price_mismatch");
        assertThat(webhookRows(jdbc, late)).extracting(row -> row.get("outcome")).containsExactly("rejected");
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
        assertThat(commandSide.paymentsOf(lapsed)).isEmpty();
    }

    @Test
    void aMalformedAllowListStopsStartUp() {
        assertThatThrownBy(() -> new WebhookSources(properties(List.of("223.130.82.0/24", "bootpay.co.kr"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootpay.co.kr");
        assertThatThrownBy(() -> new WebhookSources(properties(List.of("223.130.82.0/99"))))
                .isInstanceOf(IllegalArgumentException.class);
        WebhookSources sources = new WebhookSources(properties(List.of(" 223.130.82.0/24 ", "2001:db8::/32")));
        assertThat(sources.allows("223.130.82.255")).isTrue();
        assertThat(sources.allows("223.130.83.1")).isFalse();
        assertThat(sources.allows("2001:db8::1")).isTrue();
        assertThat(sources.allows("not-an-address")).isFalse();
        assertThat(new WebhookSources(properties(List.of())).allows("198.51.100.4")).isTrue();
    }

    private void place(String bookingNumber, Instant expiresAt) {
        PaymentTestSupport.place(events, jdbc, placed(bookingNumber, userId, FARE, expiresAt));
    }

    private HttpResponse<String> webhook(String receiptId, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                        + "/api/payments/webhook"))
                                                 .header("Content-Type", "application/json")
                                                 .POST(HttpRequest.BodyPublishers.ofString(json(Map.of(
                                                         "receipt_id", receiptId, "order_id", booking,
                                                         "price", FARE, "status", 1,
                                                         "webhook_type", "PAYMENT_COMPLETED"))));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BootpayProperties properties(List<String> allowed) {
        return new BootpayProperties("http://127.0.0.1/v2/", null, null, null, false, allowed,
                                     Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
