package io.tandem.api.operations;

/** How an operator's action ended, as the operator log shows it. */
public enum OperatorActionOutcome {
    /** started and not finished yet (a replay or rebuild under way) */
    PENDING,
    SUCCEEDED,
    /** refused before it changed anything: unknown target, a conflict, an unsafe request */
    REFUSED,
    /** it started changing things and could not finish */
    FAILED
}
