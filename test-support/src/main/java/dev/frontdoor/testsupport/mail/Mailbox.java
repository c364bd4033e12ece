package dev.frontdoor.testsupport.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) that keeps every mail it receives: what the tests read auth-service's mails from,
 * and the local mailbox of {@code bin/up}. It accepts any sender and recipient and delivers nothing further.
 */
public final class Mailbox implements AutoCloseable {

    /** One received mail: recipient, subject and its plain-text part. */
    public record Mail(String to, String subject, String text, Instant received) {
        /** The first link in the text that starts with {@code prefix} (e.g. {@code http://host/reset-password}). */
        public Optional<String> link(String prefix) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S*").matcher(text);
            return m.find() ? Optional.of(m.group()) : Optional.empty();
        }
    }

    private final GreenMail server;
    private final int port;

    private Mailbox(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an SMTP server on {@code 127.0.0.1:port}. */
    public static Mailbox start(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new Mailbox(server, port);
    }

    public int port() {
        return port;
    }

    /**
     * Closes a client's connection after it was idle this long (GreenMail's default is 30 s): real SMTP servers drop
     * idle connections too, and a mailer that keeps connections must survive it.
     */
    public void dropIdleConnectionsAfter(Duration idle) {
        server.getSmtp().setClientSocketTimeout((int) idle.toMillis());
    }

    /** Stops accepting connections (as an SMTP server that is down); {@link #resume} starts it again. */
    public void pause() {
        server.stop();
    }

    /** Accepts connections again on the same port; mails received before the pause are kept. */
    public void resume() {
        server.start();
    }

    /** Every mail received so far, oldest first. */
    public List<Mail> all() {
        return Arrays.stream(server.getReceivedMessages()).map(Mailbox::read).toList();
    }

    /** The mails to {@code address}, oldest first. */
    public List<Mail> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** The mails to {@code address} with this subject, oldest first. */
    public List<Mail> to(String address, String subject) {
        return to(address).stream().filter(m -> subject.equals(m.subject())).toList();
    }

    /**
     * Waits (at most {@code timeout}) until {@code address} has received more than {@code already} mails with this
     * subject, and returns the next one.
     */
    public Mail await(String address, String subject, int already, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = to(address, subject);
            if (mails.size() > already) {
                return mails.get(already);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no mail " + (already + 1) + " \"" + subject + "\" to " + address + " within " + timeout
                + "; this address got " + to(address).stream().map(Mail::subject).toList() + ", all addresses "
                + all().size() + " mails");
    }

    private static Mail read(MimeMessage message) {
        try {
            Message.RecipientType type = Message.RecipientType.TO;
            String to = message.getRecipients(type) == null ? "" : message.getRecipients(type)[0].toString()
                    .replaceFirst(".*<(.*)>.*", "$1");
            Instant received = message.getSentDate() == null ? Instant.now() : message.getSentDate().toInstant();
            return new Mail(to, message.getSubject(), text(message.getContent()), received);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("an unreadable mail", e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart multipart) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
                texts.add(text(part.getContent()));
            }
            return String.join("\n", texts);
        }
        return "";
    }

    @Override
    public void close() {
        server.stop();
    }
}
