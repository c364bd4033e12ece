package dev.frontdoor.auth.mail;

import dev.frontdoor.auth.config.AuthConfig;
import io.quarkus.mailer.MailTemplate;
import io.quarkus.qute.CheckedTemplate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The mails auth-service sends (Qute templates in {@code templates/mail/}, text and HTML), over SMTP with Quarkus'
 * mailer. Sending never blocks a request and never fails one: it is started after the change it reports has been
 * committed, runs on its own, and is retried with back-off (1 s, 2 s, 4 s, … 5 tries) when the SMTP server fails or
 * gives no answer in time ({@code mail-attempt-timeout}, 20 s; a mail may then arrive twice, never not at all).
 * Links carry their token in the query of a page that asks to confirm (a mail scanner that follows links uses
 * nothing); tokens are never logged.
 */
@ApplicationScoped
public class AccountMails {

    private static final Logger LOG = Logger.getLogger(AccountMails.class);

    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native MailTemplate.MailTemplateInstance verifyEmail(String name, String link, long hours);

        static native MailTemplate.MailTemplateInstance resetPassword(String name, String link, long minutes);

        static native MailTemplate.MailTemplateInstance accountExists(String name, String loginLink, String resetLink);
    }

    private final String publicUrl;
    private final Duration verificationTtl;
    private final Duration resetTtl;
    /** A try that got no answer by then is given up and retried: a server that stops answering holds no mail. */
    private final Duration attemptTimeout;

    public AccountMails(AuthConfig config) {
        this.publicUrl = config.publicUrl().replaceFirst("/+$", "");
        this.verificationTtl = config.recovery().verificationTtl();
        this.resetTtl = config.recovery().resetTtl();
        this.attemptTimeout = config.recovery().mailAttemptTimeout();
    }

    public void verifyEmail(String to, String name, String token) {
        send("verification", Templates.verifyEmail(name, link("/verify-email", token), verificationTtl.toHours())
                .to(to).subject("Confirm your email address").send());
    }

    public void resetPassword(String to, String name, String token) {
        send("password reset", Templates.resetPassword(name, link("/reset-password", token), resetTtl.toMinutes())
                .to(to).subject("Reset your password").send());
    }

    /** To the owner of an address someone tried to sign up with again (enumeration-resistant signup). */
    public void accountExists(String to, String name) {
        send("account exists", Templates.accountExists(name, publicUrl + "/login", publicUrl + "/forgot-password")
                .to(to).subject("You already have an account").send());
    }

    private String link(String path, String token) {
        return publicUrl + path + "?token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII);
    }

    private void send(String kind, Uni<Void> sending) {
        // The SMTP server's answer is logged (it never holds the mail's content); the address and the link are not.
        sending.ifNoItem().after(attemptTimeout)
                .failWith(() -> new TimeoutException("no answer from the SMTP server within " + attemptTimeout))
                .onFailure().invoke(failure -> LOG.warnf("sending a %s mail failed (%s: %s); it is retried", kind,
                        failure.getClass().getSimpleName(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(4)
                .subscribe().with(sent -> LOG.debugf("sent a %s mail", kind),
                        failure -> LOG.warnf("could not send a %s mail after retries: %s", kind,
                                failure.getClass().getSimpleName()));
    }
}
