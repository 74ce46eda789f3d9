package io.tandem.saga.payment;

import io.tandem.saga.payment.BootpayClient.CancelResult;
import io.tandem.saga.payment.BootpayClient.CancelResult.Outcome;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Bootpay client against a loopback server that speaks Bootpay's REST API v2. */
class BootpayClientTest {

    private BootpayLoopbackServer bootpay;
    private BootpayClient client;

    @BeforeEach
    void setUp() throws IOException {
        bootpay = new BootpayLoopbackServer();
        client = client(bootpay.baseUrl(), BootpayLoopbackServer.PRIVATE_KEY);
    }

    @AfterEach
    void tearDown() {
        bootpay.close();
    }

    @Test
    void aReceiptReadsBootpaysSnakeCaseFields() {
        String receiptId = bootpay.createPayment("TD0000000001", 250_000);

        Receipt receipt = client.receipt(receiptId).orElseThrow();

        assertThat(receipt.receiptId()).isEqualTo(receiptId);
        assertThat(receipt.orderId()).isEqualTo("TD0000000001");
        assertThat(receipt.price()).isEqualByComparingTo(new BigDecimal(250_000));
        assertThat(receipt.priceIs(250_000)).isTrue();
        assertThat(receipt.priceIs(249_999)).isFalse();
        assertThat(receipt.hasStatus(Receipt.PAID)).isTrue();
        assertThat(receipt.statusLocale()).isEqualTo("결제완료");
        assertThat(receipt.paymentMethod()).isEqualTo("card");
        assertThat(receipt.purchasedAt()).isNotBlank();
    }

    @Test
    void anUnknownReceiptIsEmptyAndAFailingLookupThrows() {
        assertThat(client.receipt("64f0c0ffee0000000000dead")).isEmpty();

        bootpay.failLookups(true);
        String receiptId = bootpay.createPayment("TD0000000002", 1_000);
        assertThatThrownBy(() -> client.receipt(receiptId))
                .isInstanceOf(BootpayUnavailableException.class)
                .hasMessageContaining("503");
        bootpay.failLookups(false);
        assertThat(client.receipt(receiptId)).isPresent();
    }

    @Test
    void theTokenIsFetchedOnceAndReused() {
        String receiptId = bootpay.createPayment("TD0000000003", 1_000);

        for (int i = 0; i < 5; i++) {
            assertThat(client.receipt(receiptId)).isPresent();
        }

        assertThat(bootpay.tokenRequests()).isEqualTo(1);
        assertThat(bootpay.receiptLookups()).isEqualTo(5);
    }

    @Test
    void concurrentCallsShareOneTokenRequest() throws Exception {
        String receiptId = bootpay.createPayment("TD0000000004", 1_000);
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Optional<Receipt>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Optional<Receipt>> lookup = () -> {
                    start.await();
                    return client.receipt(receiptId);
                };
                answers.add(pool.submit(lookup));
            }
            start.countDown();
            for (Future<Optional<Receipt>> answer : answers) {
                assertThat(answer.get()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bootpay.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheCallRepeated() {
        String receiptId = bootpay.createPayment("TD0000000005", 1_000);
        assertThat(client.receipt(receiptId)).isPresent();

        bootpay.revokeTokens();

        assertThat(client.receipt(receiptId)).isPresent();
        assertThat(bootpay.tokenRequests()).isEqualTo(2);
        assertThat(client.receipt(receiptId)).isPresent();
        assertThat(bootpay.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aTokenAboutToExpireIsRenewedBeforeUse() {
        String receiptId = bootpay.createPayment("TD0000000006", 1_000);
        bootpay.tokenLifetime(BootpayToken.REFRESH_MARGIN.minusSeconds(10));

        client.receipt(receiptId);
        client.receipt(receiptId);

        assertThat(bootpay.tokenRequests()).isEqualTo(2);
    }

    @Test
    void wrongCredentialsMeanBootpayIsUnavailableNotThatTheReceiptIsMissing() {
        BootpayClient misconfigured = client(bootpay.baseUrl(), "not-the-key");
        String receiptId = bootpay.createPayment("TD0000000007", 1_000);

        assertThatThrownBy(() -> misconfigured.receipt(receiptId))
                .isInstanceOf(BootpayUnavailableException.class)
                .hasMessageContaining("401");
        CancelResult refund = misconfigured.cancel(receiptId, null, "c-1", "test");
        assertThat(refund.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refund.retryable()).isTrue();
        assertThat(bootpay.refunds()).isEmpty();
    }

    @Test
    void confirmCapturesAPaymentAwaitingConfirmation() {
        String receiptId = bootpay.createPayment("TD0000000008", 5_000, BootpayLoopbackServer.AWAITING_CONFIRM);
        assertThat(client.receipt(receiptId).orElseThrow().hasStatus(Receipt.AWAITING_CONFIRM)).isTrue();

        Optional<Receipt> confirmed = client.confirm(receiptId);

        assertThat(confirmed).get().extracting(receipt -> receipt.hasStatus(Receipt.PAID)).isEqualTo(true);
        assertThat(bootpay.status(receiptId)).isEqualTo(BootpayLoopbackServer.PAID);
        assertThat(client.confirm(receiptId)).as("a paid receipt has nothing to confirm").isEmpty();
    }

    @Test
    void aFullRefundWithTheSameCancelIdHappensOnce() {
        String receiptId = bootpay.createPayment("TD0000000009", 250_000);

        CancelResult first = client.cancel(receiptId, null, "TD0000000009-refund", "traveller cancelled");
        CancelResult again = client.cancel(receiptId, null, "TD0000000009-refund", "traveller cancelled");

        assertThat(first.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(first.cancelledPrice()).isEqualTo(250_000);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_REFUNDED);
        assertThat(again.refunded()).isTrue();
        assertThat(bootpay.refunds(receiptId)).hasSize(1)
                                              .first()
                                              .satisfies(refund -> {
                                                  assertThat(refund.price()).isEqualTo(250_000);
                                                  assertThat(refund.cancelId()).isEqualTo("TD0000000009-refund");
                                                  assertThat(refund.cancelMessage()).isEqualTo("traveller cancelled");
                                              });
        assertThat(bootpay.status(receiptId)).isEqualTo(BootpayLoopbackServer.CANCELLED);
    }

    @Test
    void partialRefundsAreIdempotentPerCancelId() {
        String receiptId = bootpay.createPayment("TD0000000010", 10_000);

        assertThat(client.cancel(receiptId, 3_000L, "part-1", "seat downgrade").outcome())
                .isEqualTo(Outcome.REFUNDED);
        assertThat(client.cancel(receiptId, 3_000L, "part-1", "seat downgrade").outcome())
                .isEqualTo(Outcome.ALREADY_REFUNDED);
        CancelResult second = client.cancel(receiptId, 2_000L, "part-2", "meal refund");

        assertThat(second.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(second.cancelledPrice()).isEqualTo(5_000);
        assertThat(bootpay.refunds(receiptId)).extracting(BootpayLoopbackServer.Refund::price)
                                              .containsExactly(3_000L, 2_000L);
        assertThat(bootpay.status(receiptId)).isEqualTo(BootpayLoopbackServer.PAID);
    }

    @Test
    void aFailedRefundSaysWhyAndCanBeRetriedUnderTheSameCancelId() {
        String receiptId = bootpay.createPayment("TD0000000011", 7_000);
        bootpay.failNextCancels(1);

        CancelResult failed = client.cancel(receiptId, null, "TD0000000011-refund", "expired");

        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.refunded()).isFalse();
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.failureReason()).contains("500").contains("PG_CANCEL_FAILED");
        assertThat(bootpay.refunds()).isEmpty();

        assertThat(client.cancel(receiptId, null, "TD0000000011-refund", "expired").outcome())
                .isEqualTo(Outcome.REFUNDED);
        assertThat(bootpay.refunds(receiptId)).hasSize(1);
    }

    @Test
    void aPaymentThatCannotBeCancelledFailsForGood() {
        String receiptId = bootpay.createPayment("TD0000000012", 7_000, BootpayLoopbackServer.WAITING);

        CancelResult refused = client.cancel(receiptId, null, "c-12", "nothing to refund");

        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.failureReason()).contains("RC_NOT_CANCELLABLE");
    }

    @Test
    void anUnreachableBootpayIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BootpayClient unreachable = client("http://127.0.0.1:" + closedPort + "/v2/", "any");

        assertThatThrownBy(() -> unreachable.receipt("64f0c0ffee0000000000beef"))
                .isInstanceOf(BootpayUnavailableException.class);
        CancelResult refund = unreachable.cancel("64f0c0ffee0000000000beef", null, "c-13", "test");
        assertThat(refund.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refund.retryable()).isTrue();
    }

    private static BootpayClient client(String baseUrl, String privateKey) {
        BootpayProperties properties = new BootpayProperties(
                baseUrl, BootpayLoopbackServer.APPLICATION_ID, "js-application-id", privateKey, false, List.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new BootpayClient(properties, RestClient.builder());
    }
}
