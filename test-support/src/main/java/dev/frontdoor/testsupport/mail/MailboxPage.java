package dev.frontdoor.testsupport.mail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local mailbox as a web page ({@code bin/up} prints its address): the most recent mails first, their text with
 * every link clickable, so a person can follow a verification or password reset link. Loopback only.
 */
public final class MailboxPage implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final HttpServer server;

    private MailboxPage(HttpServer server) {
        this.server = server;
    }

    public static MailboxPage serve(Mailbox mailbox, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.createContext("/", exchange -> {
                byte[] body = render(mailbox.all()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().add("Cache-Control", "no-store");
                exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new MailboxPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    static String render(List<Mailbox.Mail> mails) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Frontdoor mailbox</title><style>body{font-family:system-ui,sans-serif;max-width:50rem;"
                + "margin:2rem auto}article{border-bottom:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap}"
                + "</style></head><body><h1>Local mailbox</h1><p>What auth-service sent, newest first (reload to see "
                + "new mail). Nothing leaves this machine.</p>");
        if (mails.isEmpty()) {
            html.append("<p>No mail yet.</p>");
        }
        for (int i = mails.size() - 1; i >= 0 && i >= mails.size() - 50; i--) {
            Mailbox.Mail mail = mails.get(i);
            html.append("<article><h2>").append(escape(mail.subject())).append("</h2><p>To ")
                    .append(escape(mail.to())).append(" · ").append(mail.received()).append("</p><pre>")
                    .append(linkify(escape(mail.text()))).append("</pre></article>");
        }
        return html.append("</body></html>").toString();
    }

    private static String linkify(String escaped) {
        Matcher m = LINK.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + m.group() + "\">" + m.group() + "</a>"));
        }
        return m.appendTail(out).toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
