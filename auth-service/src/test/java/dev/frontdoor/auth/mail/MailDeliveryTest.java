package dev.frontdoor.auth.mail;

import static io.restassured.RestAssured.given;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.mail.Mailbox;
import dev.frontdoor.testsupport.mail.MailboxTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mails arrive although the SMTP server drops idle connections or is down for a moment: failed sends are retried
 * with back-off, never lost and never in the way of the request that caused them.
 */
@QuarkusTest
class MailDeliveryTest {

    private static Mailbox mailbox() {
        return MailboxTestResource.mailbox();
    }

    /** A new account whose verification mail has arrived (so the mailer has used the server once). */
    private static String accountWithAMailDelivered() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        mailbox().await(email, "Confirm your email address", 0, Duration.ofSeconds(10));
        return email;
    }

    private static void requestReset(String email) {
        given().contentType(ContentType.JSON).header("X-Forwarded-For", AuthClient.randomAddress())
                .body(Map.of("email", email)).post("/api/auth/password-reset").then().statusCode(202);
    }

    @AfterEach
    void restoreTheServersIdleTimeout() {
        mailbox().dropIdleConnectionsAfter(Duration.ofSeconds(30));
    }

    @Test
    void aMailAfterTheServerDroppedAnIdleConnectionArrivesAtOnce() throws InterruptedException {
        mailbox().dropIdleConnectionsAfter(Duration.ofMillis(300));
        String email = accountWithAMailDelivered();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1_000); // the server has closed the mailer's connection by now
            requestReset(email);
            mailbox().await(email, "Reset your password", i, Duration.ofSeconds(3));
        }
    }

    @Test
    void aMailSentWhileTheServerIsDownArrivesOnceItIsBack() throws InterruptedException {
        String email = accountWithAMailDelivered();
        mailbox().pause();
        try {
            long start = System.nanoTime();
            requestReset(email);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000, "the request did not wait");
            Thread.sleep(2_500); // the first tries fail
        } finally {
            mailbox().resume();
        }
        mailbox().await(email, "Reset your password", 0, Duration.ofSeconds(15));
        assertEquals(1, mailbox().to(email, "Reset your password").size(), "sent once");
    }

    @Test
    void aServerThatStopsAnsweringHoldsNoMail() throws Exception {
        String email = accountWithAMailDelivered();
        mailbox().pause();
        // In its place, a server that accepts connections and never says a word.
        try (ServerSocket silent = new ServerSocket(mailbox().port(), 50, InetAddress.getByName("127.0.0.1"))) {
            Thread accepting = Thread.ofVirtual().start(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            requestReset(email);
            Thread.sleep(1_500); // the first try is waiting for a greeting that never comes
            silent.close();
            accepting.join();
        } finally {
            mailbox().resume();
        }
        // The try is given up after mail-attempt-timeout (3 s in tests) and a later one reaches the real server: any
        // of the four retries may (back-off 1, 2, 4, 8 s, each try cut at 3 s, so the last ends about 30 s after the
        // request). A bin/test run saw the first two retries get no answer from the resumed server either.
        mailbox().await(email, "Reset your password", 0, Duration.ofSeconds(30));
    }
}
