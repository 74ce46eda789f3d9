package io.tandem.api.identity;

/**
 * What an account may do. USER is every account's; ADMIN does everything; OPERATOR reads the operations console and
 * pauses, resumes and retries there; AUDITOR reads the operations console and audit trails only.
 */
public enum Role { USER, ADMIN, OPERATOR, AUDITOR }
