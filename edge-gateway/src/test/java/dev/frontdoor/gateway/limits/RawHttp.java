package dev.frontdoor.gateway.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends bytes exactly as written (no client library would send these shapes) and reads what comes back. */
final class RawHttp {

    record Answer(String text, boolean closed) {
        int status() {
            return text.startsWith("HTTP/1.") ? Integer.parseInt(text.substring(9, 12)) : -1;
        }
    }

    private RawHttp() {
    }

    /** Writes the request, then reads until the server closes or 2 s pass without data. */
    static Answer send(int port, String request) {
        return sendInParts(port, 0, request);
    }

    /** Writes the parts with a pause between them (so the server reads them separately), then reads. */
    static Answer sendInParts(int port, long pauseMillis, String... parts) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    Thread.sleep(pauseMillis);
                }
                try {
                    socket.getOutputStream().write(parts[i].getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                } catch (IOException closedByServer) {
                    break; // the server answered and closed early: read what it said
                }
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed;
            try {
                for (int n = in.read(buffer); ; n = in.read(buffer)) {
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                closed = false;
            }
            return new Answer(out.toString(StandardCharsets.ISO_8859_1), closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
