package dev.frontdoor.gateway.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of every connection: checks HTTP/1.x message framing on the raw bytes, before Netty's decoder,
 * as strictly as RFC 9112 asks of a server in front of others (§6.1, §6.3, §5.2, §7.1). Netty's decoder is lenient
 * by design and has no strict mode: it reads a request with both {@code Content-Length} and
 * {@code Transfer-Encoding} as chunked and drops the length, joins obs-folded lines, accepts {@code Transfer-Encoding}
 * on HTTP/1.0 and chunk sizes followed by garbage; once it has, nothing after it can tell. So this handler refuses
 * those shapes while they are still bytes:
 * <ul>
 *   <li>{@code Content-Length} and {@code Transfer-Encoding} together, in any spelling or order;</li>
 *   <li>{@code Transfer-Encoding} other than one final {@code chunked}, or on an HTTP/1.0 request;</li>
 *   <li>more than one {@code Content-Length}, or one that is not digits;</li>
 *   <li>obs-fold, header names that are not tokens (whitespace before the colon), control characters in values,
 *       bare CR or LF as line ends;</li>
 *   <li>chunk sizes that are not 1-16 hex digits, chunk extensions with control characters, chunk data not
 *       followed by CRLF.</li>
 * </ul>
 * A refused message reaches Netty as a request it must refuse too, so Vert.x answers {@code 400} in order (after
 * any earlier pipelined answer) and closes the connection; the bytes that follow are dropped and never parsed.
 * After a chunked request the rest of the connection is dropped as well (the gateway closes it after answering).
 * It only validates: the bytes Netty receives are the client's own, unchanged.
 *
 * <p>It also gives a request head a deadline (slowloris): a head still incomplete {@code header-timeout} after its
 * first byte is answered 408 and the connection closed. Vert.x has no such deadline of its own.
 *
 * <p>HTTP/2 (prior knowledge, or after an {@code h2c} upgrade) has binary framing that Netty's HTTP/2 codec checks
 * strictly: once its preface arrives where it may, this handler steps aside for that connection.
 */
public final class StrictHttp1Framing extends ChannelDuplexHandler {

    public static final String NAME = "frontdoorStrictFraming";

    /** Longer than the decoder's own limits (16 KiB of headers, 8 KiB request line): those still answer 431/414. */
    private static final int MAX_HEAD = 32 * 1024;
    private static final int MAX_CHUNK_LINE = 4096;
    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    /** What Netty is handed in place of a refused message: a request with an invalid length, which it refuses. */
    private static final byte[] REFUSED_HEAD = "POST / HTTP/1.1\r\nContent-Length: refused\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** Answered by this handler itself when nothing earlier on the connection awaits its answer (see refuse). */
    private static final byte[] BAD_FRAMING_ANSWER = answer(400, "Bad Request",
            "The request framing is not valid (RFC 9112).");
    private static final byte[] HEAD_TIMEOUT_ANSWER = answer(408, "Request Timeout",
            "The request headers did not arrive in time.");

    private enum State { HEAD, FIXED_BODY, CHUNK_LINE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILERS, PASS, DROP }

    private State state = State.HEAD;
    private byte[] line = new byte[512];
    private int lineLength;
    private long remaining;
    /** HTTP/2's preface may come first on a connection (prior knowledge) or right after an h2c upgrade request. */
    private boolean http2MayStart = true;
    private boolean upgradeRequested;
    /** Where, in the bytes passed on from the current read, the current message began; -1: in an earlier read. */
    private int messageStart = -1;
    /** Response bytes written since the current message's head was passed on. */
    private long writtenSinceHead;
    /** Heads passed on to Netty on this connection so far. */
    private long messagesPassed;
    /** Set when this handler answers the client itself: the answer, then the connection is closed. */
    private byte[] answerHere;
    private final long headerTimeoutMillis;
    private ScheduledFuture<?> headDeadline;

    public StrictHttp1Framing(long headerTimeoutMillis) {
        this.headerTimeoutMillis = headerTimeoutMillis;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelHeadDeadline();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelHeadDeadline();
        super.channelInactive(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf buf) {
            writtenSinceHead += buf.readableBytes();
        } else {
            writtenSinceHead++;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || state == State.PASS) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf out = ctx.alloc().buffer(in.readableBytes());
        messageStart = -1;
        try {
            scan(in, out);
        } finally {
            in.release();
        }
        if (answerHere != null) {
            // Answered before Netty sees anything more, so the gateway has no chance to answer first (e.g. 502 for
            // a body that failed); closing makes Vert.x drop a request it had, whose upstream exchange is reset.
            byte[] answer = answerHere;
            answerHere = null;
            out.release();
            if (writtenSinceHead == 0) {
                ctx.writeAndFlush(ctx.alloc().buffer(answer.length).writeBytes(answer))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close(); // the answer to this request has begun: all that is left is to cut the connection
            }
            return;
        }
        if (out.isReadable()) {
            ctx.fireChannelRead(out);
        } else {
            out.release();
        }
        if (state == State.PASS) {
            ctx.pipeline().remove(this);
        } else if (state == State.HEAD && lineLength > 0) {
            if (headDeadline == null) {
                headDeadline = ctx.executor().schedule(() -> headTimedOut(ctx), headerTimeoutMillis,
                        TimeUnit.MILLISECONDS);
            }
        } else {
            cancelHeadDeadline();
        }
    }

    private void headTimedOut(ChannelHandlerContext ctx) {
        headDeadline = null;
        if (state != State.HEAD || lineLength == 0 || !ctx.channel().isActive()) {
            return;
        }
        state = State.DROP;
        lineLength = 0;
        ctx.writeAndFlush(ctx.alloc().buffer(HEAD_TIMEOUT_ANSWER.length).writeBytes(HEAD_TIMEOUT_ANSWER))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelHeadDeadline() {
        if (headDeadline != null) {
            headDeadline.cancel(false);
            headDeadline = null;
        }
    }

    private void scan(ByteBuf in, ByteBuf out) {
        while (in.isReadable()) {
            switch (state) {
                case HEAD -> {
                    if (!appendHead(in)) {
                        continue;
                    }
                    if (lineLength == 2) { // an empty line before a request line (RFC 9112 §2.2): skip it
                        lineLength = 0;
                        continue;
                    }
                    if (http2MayStart && startsWith(HTTP2_PREFACE)) {
                        out.writeBytes(line, 0, lineLength);
                        out.writeBytes(in);
                        state = State.PASS;
                        return;
                    }
                    if (lineLength == MAX_HEAD) {
                        // Far past the decoder's header limit: it answers 431 and closes; nothing after is read.
                        out.writeBytes(line, 0, lineLength);
                        lineLength = 0;
                        state = State.DROP;
                        continue;
                    }
                    long body = checkHead();
                    if (body == REFUSE) {
                        refuse(out);
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    messageStart = out.writerIndex();
                    writtenSinceHead = 0;
                    messagesPassed++;
                    out.writeBytes(line, 0, lineLength);
                    lineLength = 0;
                    http2MayStart = upgradeRequested && body == 0;
                    upgradeRequested = false;
                    if (body == CHUNKED) {
                        state = State.CHUNK_LINE;
                    } else if (body > 0) {
                        remaining = body;
                        state = State.FIXED_BODY;
                    }
                }
                case FIXED_BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    out.writeBytes(in, n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.FIXED_BODY ? State.HEAD : State.CHUNK_CR;
                    }
                }
                case CHUNK_CR, CHUNK_LF -> {
                    byte b = in.readByte();
                    if (b != (state == State.CHUNK_CR ? '\r' : '\n')) {
                        refuseBody(out);
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    out.writeByte(b);
                    state = state == State.CHUNK_CR ? State.CHUNK_LF : State.CHUNK_LINE;
                }
                case CHUNK_LINE, TRAILERS -> {
                    if (!appendLine(in, MAX_CHUNK_LINE)) {
                        if (lineLength > MAX_CHUNK_LINE) {
                            refuseBody(out);
                            in.skipBytes(in.readableBytes());
                            return;
                        }
                        continue;
                    }
                    boolean valid = state == State.CHUNK_LINE ? chunkLine() : trailerLine();
                    if (!valid) {
                        refuseBody(out);
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    out.writeBytes(line, 0, lineLength);
                    boolean lastTrailer = state == State.TRAILERS && lineLength == 2;
                    lineLength = 0;
                    if (lastTrailer) {
                        state = State.DROP; // the gateway closes the connection after a chunked request
                    }
                }
                case PASS -> out.writeBytes(in);
                case DROP -> in.skipBytes(in.readableBytes());
            }
        }
    }

    /**
     * An invalid head: none of it is passed on. On a connection with nothing before it, this handler answers 400
     * problem+json itself. After earlier requests, whose answers may still be on their way, Netty is handed a request
     * it refuses in its place, so that Vert.x answers (a bare) 400 after them, in order, and closes.
     */
    private void refuse(ByteBuf out) {
        state = State.DROP;
        lineLength = 0;
        if (messagesPassed == 0) {
            answerHere = BAD_FRAMING_ANSWER;
        } else {
            out.writeBytes(REFUSED_HEAD);
        }
    }

    /**
     * An invalid body. If its head is still in this read, the whole message is refused as an invalid head would be:
     * the upstream never hears of it. If the head went on earlier, this handler answers 400 itself (unless the answer
     * has begun) and closes the connection.
     */
    private void refuseBody(ByteBuf out) {
        if (messageStart >= 0) {
            out.writerIndex(messageStart);
            messagesPassed--;
            refuse(out);
        } else {
            state = State.DROP;
            lineLength = 0;
            answerHere = BAD_FRAMING_ANSWER;
        }
    }

    /** A complete problem+json answer that closes the connection, for the few cases answered from here. */
    private static byte[] answer(int status, String title, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        return ("HTTP/1.1 " + status + " " + title + "\r\nContent-Type: application/problem+json\r\n"
                + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }


    // --- heads ---

    private static final long REFUSE = -2;
    private static final long CHUNKED = -1;

    /** Appends bytes up to the end of the head (CRLF CRLF, or a lone CRLF before it); true once it is complete. */
    private boolean appendHead(ByteBuf in) {
        while (in.isReadable()) {
            if (lineLength == MAX_HEAD) {
                return true; // too long: checkHead refuses it, Netty would have answered 431
            }
            byte b = in.readByte();
            append(b);
            if (b == '\n' && (lineLength == 2 && line[0] == '\r'
                    || lineLength >= 4 && line[lineLength - 2] == '\r' && line[lineLength - 3] == '\n'
                    && line[lineLength - 4] == '\r')) {
                return true;
            }
        }
        return false;
    }

    /** The body that follows a head: its length, {@link #CHUNKED}, or {@link #REFUSE}. */
    private long checkHead() {
        int end = lineLength - 2; // the final empty line
        int lineStart = 0;
        boolean requestLine = true;
        boolean http10 = false;
        int lengths = 0;
        int codings = 0;
        long length = 0;
        boolean chunked = false;
        for (int i = 0; i < end; i++) {
            byte b = line[i];
            if (b == '\r' && line[i + 1] != '\n' || b == '\n' && (i == 0 || line[i - 1] != '\r')) {
                return REFUSE; // a bare CR or LF: parsers disagree about where such a line ends
            }
            if (b != '\n') {
                continue;
            }
            int from = lineStart;
            int to = i - 1; // before CR
            lineStart = i + 1;
            if (requestLine) {
                requestLine = false;
                http10 = endsWith(from, to, "HTTP/1.0");
                continue;
            }
            if (line[from] == ' ' || line[from] == '\t') {
                return REFUSE; // obs-fold
            }
            int colon = -1;
            for (int j = from; j < to; j++) {
                if (line[j] == ':') {
                    colon = j;
                    break;
                }
                if (!token(line[j])) {
                    return REFUSE; // not a field name (e.g. whitespace before the colon)
                }
            }
            if (colon <= from) {
                return REFUSE;
            }
            int valueFrom = colon + 1;
            int valueTo = to;
            while (valueFrom < valueTo && (line[valueFrom] == ' ' || line[valueFrom] == '\t')) {
                valueFrom++;
            }
            while (valueTo > valueFrom && (line[valueTo - 1] == ' ' || line[valueTo - 1] == '\t')) {
                valueTo--;
            }
            for (int j = valueFrom; j < valueTo; j++) {
                if (line[j] != '\t' && (line[j] < 0x20 || line[j] == 0x7f)) {
                    return REFUSE;
                }
            }
            String name = new String(line, from, colon - from, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> {
                    lengths++;
                    int digits = valueTo - valueFrom;
                    if (digits == 0 || digits > 18) {
                        return REFUSE;
                    }
                    length = 0;
                    for (int j = valueFrom; j < valueTo; j++) {
                        if (line[j] < '0' || line[j] > '9') {
                            return REFUSE;
                        }
                        length = length * 10 + (line[j] - '0');
                    }
                }
                case "transfer-encoding" -> {
                    codings++;
                    chunked = "chunked".equalsIgnoreCase(
                            new String(line, valueFrom, valueTo - valueFrom, StandardCharsets.US_ASCII));
                }
                case "upgrade" -> upgradeRequested = new String(line, valueFrom, valueTo - valueFrom,
                        StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).contains("h2c");
                default -> { }
            }
        }
        if (codings > 0) {
            return lengths == 0 && codings == 1 && chunked && !http10 ? CHUNKED : REFUSE;
        }
        if (lengths > 1) {
            return REFUSE;
        }
        return length;
    }

    // --- chunks ---

    private boolean appendLine(ByteBuf in, int max) {
        while (in.isReadable() && lineLength <= max) {
            byte b = in.readByte();
            append(b);
            if (b == '\n') {
                return true;
            }
        }
        return false;
    }

    /** {@code 1*16HEXDIG [ ";" extensions ] CRLF}, extensions free of control characters. */
    private boolean chunkLine() {
        int end = lineLength - 2;
        if (end < 1 || line[end] != '\r') {
            return false;
        }
        int digits = 0;
        long size = 0;
        int i = 0;
        for (; i < end && Character.digit(line[i], 16) >= 0; i++) {
            digits++;
            size = (size << 4) | Character.digit(line[i], 16);
        }
        if (digits == 0 || digits > 16 || size < 0) {
            return false;
        }
        if (i < end && line[i] != ';') {
            return false; // "5 5", "5\tx": only extensions may follow the size
        }
        for (; i < end; i++) {
            if (line[i] != '\t' && (line[i] < 0x20 || line[i] == 0x7f)) {
                return false;
            }
        }
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return true;
    }

    /** A trailer field (never obs-folded), or the empty line that ends the message. */
    private boolean trailerLine() {
        int end = lineLength - 2;
        if (end < 0 || line[end] != '\r') {
            return false;
        }
        if (end == 0) {
            return true;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (line[i] == ':') {
                return i > 0;
            }
            if (!token(line[i])) {
                return false;
            }
        }
        return false;
    }

    // --- bytes ---

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_HEAD + 1));
        }
        line[lineLength++] = b;
    }

    private boolean startsWith(byte[] prefix) {
        return lineLength >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private boolean endsWith(int from, int to, String suffix) {
        int n = suffix.length();
        if (to - from < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (line[to - n + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean token(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
                || b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }
}
