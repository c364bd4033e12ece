package dev.frontdoor.testsupport.mail;

import dev.frontdoor.testsupport.datastores.DataStores;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server for a Quarkus test run ({@link Mailbox}); the service's mailer is pointed at it. Tests read what
 * was sent with {@link #mailbox()}.
 */
public class MailboxTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Mailbox mailbox;

    public static Mailbox mailbox() {
        return mailbox;
    }

    @Override
    public Map<String, String> start() {
        if (mailbox == null) {
            mailbox = Mailbox.start(DataStores.freePort());
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(mailbox.port()),
                "quarkus.mailer.mock", "false", "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        // Kept for the whole test JVM: global resources are stopped once at its end anyway.
    }
}
