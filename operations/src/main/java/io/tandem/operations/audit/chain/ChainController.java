package io.tandem.operations.audit.chain;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.operations.audit.chain.ChainStore.Anchor;
import io.tandem.operations.audit.chain.ChainStore.Head;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.events.EventPositions.StoredPosition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Audit: tamper evidence", description = "A hash chain over the stored events, verified on request")
class ChainController {

    private final ChainVerifier verifier;
    private final ChainStore store;
    private final EventPositions positions;

    ChainController(ChainVerifier verifier, ChainStore store, EventPositions positions) {
        this.verifier = verifier;
        this.store = store;
        this.positions = positions;
    }

    @PostMapping("/api/admin/audit/verify")
    @Operation(summary = "Recompute the hash chain from the stored events, all of it or from an anchor "
                         + "(from_position, and from_hash to check the chain still ends there), up to its head: "
                         + "ok, or the first global position whose stored event no longer matches")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "anchor_not_found")
    @ApiResponse(responseCode = "400", description = "invalid_hash")
    Verification verify(@Valid @RequestBody(required = false) VerifyRequest request) {
        return request == null ? verifier.verify(null, null)
                               : verifier.verify(request.fromPosition(), request.fromHash());
    }

    @GetMapping("/api/admin/audit/chain")
    @Operation(summary = "The chain's head, how far behind the event store it is, and the latest anchors")
    ChainStatus chain() {
        Head head = store.head();
        Long storeHead = positions.head().map(StoredPosition::position).orElse(null);
        long chained = head.position() != null ? head.position() : positions.beforeFirst();
        return new ChainStatus(head.position(), head.links(), ChainHash.hex(head.hash()), head.updatedAt(),
                               storeHead, storeHead == null ? 0 : Math.max(0, storeHead - chained),
                               store.anchors(10));
    }

    /**
     * @param fromPosition an anchor's global position: verify the events after it
     * @param fromHash     the anchor's hash as published, to check the stored chain still has it there
     */
    record VerifyRequest(Long fromPosition, @Pattern(regexp = "[0-9a-fA-F]{64}") String fromHash) {
    }

    /** @param behind events stored after the chain's head (positions, so gaps count too) */
    record ChainStatus(Long chainedTo, long links, String headHash, Instant updatedAt, Long storeHead, long behind,
                       List<Anchor> anchors) {
    }
}
