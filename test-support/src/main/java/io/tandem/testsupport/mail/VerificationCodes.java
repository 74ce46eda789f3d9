package io.tandem.testsupport.mail;

/** Where a test finds the code the application sent to prove an email address: a mailbox, or the log. */
@FunctionalInterface
public interface VerificationCodes {

    String codeFor(String email);
}
