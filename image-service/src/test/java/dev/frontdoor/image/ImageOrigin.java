package dev.frontdoor.image;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Real HTTP origins for the optimizer. The local origin (127.0.0.1) serves images generated here:
 * {@code /photo.jpg} (2400×1600), {@code /photo.webp} (1200×800), {@code /small.png} (100×50), {@code /long-lived.jpg} (max-age one day),
 * {@code /always-stale.jpg} (no max-age: stale at once, as the test minimum TTL is 0), {@code /anim.gif} (two
 * frames), {@code /bomb.png} (a tiny file whose header claims 100,000×100,000 pixels), {@code /logo.svg},
 * {@code /page.html}, {@code /big.bin} (over the test size cap), {@code /slow.jpg} (answers after 3 s),
 * {@code /once-*.jpg} (any name, answers after 300 ms, for single flight) and 404s; everything else has max-age 3600.
 * <p>
 * The "remote" origin listens on 127.0.0.2, the one private address the test configuration allows, and serves
 * the same files under {@code /r/} plus redirects: {@code /r/hops/N} (N more redirects, then the photo),
 * {@code /r/to-localhost} (to the local origin by name: an allowed pattern but a refused address) and
 * {@code /r/outside} (to a path no pattern allows). Both count requests per path.
 */
@WithTestResource(value = ImageOrigin.class, scope = TestResourceScope.GLOBAL)
public class ImageOrigin implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    /** Every request path exactly as it arrived (not decoded), both origins, remote ones prefixed "remote:". */
    public static final java.util.Set<String> RAW_PATHS = ConcurrentHashMap.newKeySet();

    private HttpServer server;
    private HttpServer remote;

    @Override
    public Map<String, String> start() {
        Map<String, byte[]> files = Map.ofEntries(
                Map.entry("/photo.jpg", encode(picture(2400, 1600), "jpg")),
                Map.entry("/long-lived.jpg", encode(picture(800, 600), "jpg")),
                Map.entry("/small.png", encode(picture(100, 50), "png")),
                Map.entry("/anim.gif", animatedGif()),
                Map.entry("/bomb.png", pngClaiming(100_000, 100_000)),
                Map.entry("/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .getBytes(StandardCharsets.UTF_8)),
                Map.entry("/page.html", "<!DOCTYPE html><html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8)),
                Map.entry("/big.bin", new byte[3_000_001]),
                Map.entry("/slow.jpg", encode(picture(64, 64), "jpg")),
                Map.entry("/always-stale.jpg", encode(picture(320, 200), "jpg")),
                Map.entry("/photo.webp", webp(encode(picture(1200, 800), "png"))));
        byte[] onceImage = encode(picture(900, 600), "jpg");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            remote = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int localPort = server.getAddress().getPort();
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            RAW_PATHS.add(exchange.getRequestURI().getRawPath());
            REQUESTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = files.get(path);
            if (path.equals("/slow.jpg")) {
                pause(3000);
            }
            if (path.startsWith("/once-")) {
                pause(300);
                body = onceImage;
            }
            serve(exchange, path, body);
        });
        remote.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        remote.createContext("/r/hostile/", dev.frontdoor.testsupport.origins.HostileImageOrigin.handler("/r/hostile/"));
        remote.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            RAW_PATHS.add("remote:" + exchange.getRequestURI().getRawPath());
            REQUESTS.computeIfAbsent("remote:" + path, p -> new AtomicInteger()).incrementAndGet();
            String location = null;
            if (path.startsWith("/r/hops/")) {
                int left = Integer.parseInt(path.substring("/r/hops/".length()));
                location = left == 0 ? "/r/photo.jpg" : "/r/hops/" + (left - 1);
            } else if (path.equals("/r/to-localhost")) {
                location = "http://localhost:" + localPort + "/photo.jpg";
            } else if (path.equals("/r/outside")) {
                location = "/photo.jpg";
            }
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            serve(exchange, path, path.startsWith("/r/") ? files.get(path.substring(2)) : null);
        });
        server.start();
        remote.start();
        Path cache;
        try {
            Files.createDirectories(Path.of("target"));
            cache = Files.createTempDirectory(Path.of("target"), "image-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("frontdoor.image.local-origin", "http://127.0.0.1:" + localPort),
                Map.entry("test.image.remote-port", Integer.toString(remote.getAddress().getPort())),
                Map.entry("frontdoor.image.max-response-bytes", "3000000"),
                Map.entry("frontdoor.image.fetch-timeout", "1S"),
                Map.entry("frontdoor.image.minimum-cache-ttl", "0S"),
                Map.entry("frontdoor.image.cache.directory", cache.toAbsolutePath().toString()),
                Map.entry("frontdoor.image.allowed-networks", "127.0.0.2/32"),
                Map.entry("frontdoor.image.remote-patterns[0].protocol", "http"),
                Map.entry("frontdoor.image.remote-patterns[0].hostname", "127.0.0.2"),
                Map.entry("frontdoor.image.remote-patterns[0].pathname", "/r/**"),
                Map.entry("frontdoor.image.remote-patterns[1].hostname", "localhost"),
                Map.entry("frontdoor.image.remote-patterns[2].protocol", "http"),
                Map.entry("frontdoor.image.remote-patterns[2].hostname", "**"),
                Map.entry("frontdoor.image.remote-patterns[2].pathname", "/probe/**"));
    }

    public static String remoteOrigin() {
        return "http://127.0.0.2:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("test.image.remote-port", Integer.class);
    }

    private static void serve(com.sun.net.httpserver.HttpExchange exchange, String path, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            // Deliberately wrong for the images: the type must come from the bytes, not from this header.
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            if (path.endsWith("/long-lived.jpg")) {
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=86400");
            } else if (!path.endsWith("/always-stale.jpg")) {
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=3600");
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (remote != null) {
            remote.stop(0);
        }
    }

    /** ImageIO cannot write WebP; libvips can. */
    static byte[] webp(byte[] png) {
        return new dev.frontdoor.image.engine.ImageEngine(new dev.frontdoor.image.engine.VipsLibrary(ImageConfigs.of(Map.of())))
                .resize(png, 1200, dev.frontdoor.image.engine.OutputFormat.WEBP, 90);
    }

    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two 1×1 frames, looping (NETSCAPE2.0). */
    static byte[] animatedGif() {
        String frame = "21f9040000000a00" + "2c00000000010001000002024401" + "00";
        return HexFormat.of().parseHex("474946383961" + "0100" + "0100" + "800000" + "000000ffffff"
                + "21ff0b4e45545343415045322e30" + "0301000000" + frame + frame + "3b");
    }

    /** A valid PNG signature and IHDR claiming the given size, with a tiny IDAT: a decompression bomb's header. */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("89504e470d0a1a0a"));
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", HexFormat.of().parseHex("789c030000000001"));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
