package io.tandem.command.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.time.Instant;

/**
 * What the service tells people by mail about their account, by SMTP ({@code spring.mail.host} and friends). With no
 * SMTP server configured, as in the embedded default, each mail is written to the log instead, codes included, so
 * whoever runs the server can pass them on.
 */
@Component
class AccountMail {

    private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

    private final JavaMailSender smtp;
    private final String from;

    AccountMail(ObjectProvider<JavaMailSender> smtp,
                @Value("${tandem.mail.from:Tandem <no-reply@tandem.invalid>}") String from) {
        this.smtp = smtp.getIfAvailable();
        this.from = from;
        if (this.smtp == null) {
            log.warn("No SMTP server is configured (spring.mail.host): mail to users, verification codes included, "
                     + "is written to this log instead");
        }
    }

    void signUpCode(String email, String code, Duration validity) {
        send(email, "Your Tandem verification code", """
                Your Tandem verification code: %s

                Enter it in the app within %d minutes to finish signing up. If you did not sign up to Tandem, \
                ignore this mail: no account is made without this code.
                """.formatted(code, validity.toMinutes()));
    }

    void accountCode(String email, String code, Duration validity) {
        send(email, "Your Tandem verification code", """
                Your Tandem verification code: %s

                Enter it in the app within %d minutes to confirm this address for your account.
                """.formatted(code, validity.toMinutes()));
    }

    void alreadyRegistered(String email) {
        send(email, "Signing up to Tandem", """
                Someone, maybe you, tried to sign up to Tandem with this address, but you already have an account. \
                If it was you, log in instead. If it was not, you need do nothing: your account is unchanged.
                """);
    }

    /** A notice about something done already: if it cannot be sent, that is logged and nothing is undone. */
    void kakaoLinked(String email, Instant at) {
        try {
            send(email, "Your Tandem account was linked to Kakao", """
                    Your Tandem account was linked to a Kakao account at %s (UTC), and every other session of it \
                    was signed out. If this was not you, sign in with your password, change it, and tell us.
                    """.formatted(at));
        } catch (ErrorResponseException unavailable) {
            log.warn("The notice of a Kakao link could not be mailed: {}", unavailable.getBody().getDetail());
        }
    }

    private void send(String to, String subject, String text) {
        if (smtp == null) {
            log.info("Mail to {} (no SMTP server configured): {} | {}", to, subject, text.strip().replace('\n', ' '));
            return;
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject(subject);
        mail.setText(text);
        try {
            smtp.send(mail);
        } catch (MailException e) {
            log.warn("Mail to {} could not be sent: {}", to, e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                                                                     "Mail cannot be sent right now; try again "
                                                                     + "shortly.");
            problem.setProperty("code", "mail_unavailable");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
        }
    }
}
