package io.tandem.operations.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * How much personal data the reader of the audit trail sees: administrators see it as stored (decrypted, so what
 * the event holds), auditors see it masked. Data of an erased person shows as erased to both.
 */
public enum AuditViewer {
    FULL,
    MASKED;

    public static AuditViewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = authentication != null && authentication.getAuthorities().stream()
                                                                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return admin ? FULL : MASKED;
    }
}
