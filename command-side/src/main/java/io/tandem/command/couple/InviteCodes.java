package io.tandem.command.couple;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The live invite codes and their inviters. Codes are 8 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), easy to read out and type: 31^8 (about 8.5 * 10^11) codes, so guessing a live one is hopeless and a
 * clash with another live code is rare enough that drawing again is the whole remedy.
 */
@Component
class InviteCodes {

    static final int LENGTH = 8;
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    InviteCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Draws a code nobody holds, registers it for the inviter and forgets the inviter's earlier code. */
    String issue(String inviterId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String code = draw();
            // DO NOTHING instead of failing: a unique violation would abort the whole unit of work's transaction
            int claimed = jdbc.sql("INSERT INTO couple_invite_code (code, inviter_id) VALUES (:code, :inviterId) "
                                   + "ON CONFLICT (code) DO NOTHING")
                              .param("code", code)
                              .param("inviterId", inviterId)
                              .update();
            if (claimed == 1) {
                jdbc.sql("DELETE FROM couple_invite_code WHERE inviter_id = :inviterId AND code <> :code")
                    .param("inviterId", inviterId)
                    .param("code", code)
                    .update();
                return code;
            }
        }
        throw new IllegalStateException("No free invite code after " + ATTEMPTS + " draws");
    }

    /** An erased person's codes link nobody to them any more. */
    void forgetCodesOf(String inviterId) {
        jdbc.sql("DELETE FROM couple_invite_code WHERE inviter_id = :inviterId").param("inviterId", inviterId).update();
    }

    Optional<String> inviterOf(String code) {
        return jdbc.sql("SELECT inviter_id FROM couple_invite_code WHERE code = :code")
                   .param("code", code)
                   .query(String.class)
                   .optional();
    }

    /** What a person typed, as a code: upper case, without the spaces and dashes people put in to read it. */
    static String normalize(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String draw() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
