package io.tandem.query.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.payment.RefusedReceiptQueries.ListRefusedReceiptsQuery;
import io.tandem.api.payment.RefusedReceiptQueries.RefundStatus;
import io.tandem.api.payment.RefusedReceiptQueries.RefusedReceiptPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/** Paid receipts that bought no booking and are refunded automatically, for admins to watch. */
@RestController
@Tag(name = "Admin: payments")
class RefusedReceiptAdminController {

    private final QueryGateway queries;

    RefusedReceiptAdminController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/admin/payments/refused-receipts")
    @Operation(summary = "Paid receipts that bought no booking (wrong price, unknown order, booking closed or already "
                         + "paid), newest first; PENDING ones are still being refunded, with the failed attempts")
    RefusedReceiptPage refusedReceipts(
            @Parameter(description = "PENDING or REFUNDED (any case); all when absent")
            @RequestParam(required = false)
            @Pattern(regexp = "(?i)pending|refunded", message = "must be PENDING or REFUNDED") String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new ListRefusedReceiptsQuery(
                status == null ? null : RefundStatus.valueOf(status.toUpperCase(Locale.ROOT)), page, size),
                             RefusedReceiptPage.class).join();
    }
}
