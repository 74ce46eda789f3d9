package io.tandem.testsupport.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * One real SMTP server (GreenMail) per test JVM on a free port of 127.0.0.1, started on first use: applications under
 * test send their mail to it (see {@code TandemTestServers}), and tests read what a person would find in their inbox,
 * such as the code that proves they own an email address.
 */
public final class TestMailbox implements VerificationCodes {

    private static final Pattern CODE = Pattern.compile("verification code: (\\d{6})");
    private static final TestMailbox SHARED = new TestMailbox();

    private GreenMail server;

    private TestMailbox() {
    }

    public static TestMailbox shared() {
        return SHARED;
    }

    public synchronized int smtpPort() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-mailbox-stop"));
            server = started;
        }
        return server.getSmtp().getPort();
    }

    /** Every mail sent to {@code address} so far, oldest first. */
    public List<MimeMessage> messagesTo(String address) {
        smtpPort();
        return Arrays.stream(server.getReceivedMessages())
                     .filter(message -> isTo(message, address))
                     .toList();
    }

    /** The text of the newest mail to {@code address}, waiting up to 10 s for one with {@code contains}. */
    public String latestTextTo(String address, String contains) {
        return await("a mail to " + address + " with \"" + contains + "\"")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> newestText(address, contains), Optional::isPresent).orElseThrow();
    }

    /** The code in the newest verification mail to {@code address}. */
    @Override
    public String codeFor(String address) {
        Matcher code = CODE.matcher(latestTextTo(address, "verification code: "));
        if (!code.find()) {
            throw new IllegalStateException("No code in the verification mail to " + address);
        }
        return code.group(1);
    }

    private Optional<String> newestText(String address, String contains) {
        List<MimeMessage> messages = messagesTo(address);
        for (int i = messages.size() - 1; i >= 0; i--) {
            String text = GreenMailUtil.getBody(messages.get(i));
            if (text.contains(contains)) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null
                   && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                            .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
