package dev.frontdoor.e2e.faults;

import dev.frontdoor.e2e.IngressClient;
import dev.frontdoor.e2e.RunningSystem;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady mixed load through the ingress, as real users make it: each worker is one user on its own loopback
 * address, with its own account and post, and cycles through page views (a cached post, its dashboard), image hits
 * and misses, logins, post creations and edits, paced at about ten requests a second. Every request is counted by
 * outcome (status, timeout, connection error) with its latency; every post creation has a unique title, so the
 * database can be checked afterwards for lost or doubled writes. Bounded: it stops after {@code maxSeconds} or when
 * {@link #stop()} is called, whichever comes first.
 */
final class MixedLoad {

    enum Op {
        PAGE(true), DASHBOARD(true), IMAGE_HIT(true), IMAGE_MISS(true), HOME(true), LOGIN(false), CREATE(false), EDIT(false);

        final boolean read;

        Op(boolean read) {
            this.read = read;
        }
    }

    /** One request: {@code status} is the HTTP status, or {@link #TIMEOUT} / {@link #CONNECTION_ERROR}. */
    record Result(Op op, int status, long startNanos, long millis, String detail) {
        static final int TIMEOUT = -1;
        static final int CONNECTION_ERROR = -2;

        /** A read that did not get its answer, or a write that failed otherwise than "not applied" (502/503). */
        boolean failed() {
            if (op.read) {
                return status < 200 || status >= 500;
            }
            return status < 200 || (status >= 400 && status != 409 && status != 502 && status != 503)
                    || (status >= 500 && status != 502 && status != 503);
        }
    }

    private static final Op[] CYCLE = {Op.PAGE, Op.IMAGE_HIT, Op.HOME, Op.DASHBOARD, Op.PAGE, Op.IMAGE_MISS,
            Op.CREATE, Op.IMAGE_HIT, Op.EDIT, Op.PAGE, Op.LOGIN, Op.DASHBOARD};
    private static final String IMAGE = "/_next/image?url=%2Fimages%2Fforest.jpg&w=640&q=75";
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final Pattern SLUG = Pattern.compile("\"slug\":\"([^\"]+)\"");
    private static final Pattern TITLE = Pattern.compile("\"title\":\"([^\"]+)\"");

    private final ProdLikeSystem topology;
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    /** Titles of every creation sent, and of those answered 201. */
    private final Set<String> attemptedTitles = ConcurrentHashMap.newKeySet();
    private final Set<String> createdTitles = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private volatile boolean running = true;

    private MixedLoad(ProdLikeSystem topology) {
        this.topology = topology;
    }

    /** Sets up {@code users} users (accounts, one post each) and starts them; {@code addressBlock} keeps suites apart. */
    static MixedLoad start(ProdLikeSystem topology, int users, int addressBlock, long maxSeconds) {
        MixedLoad load = new MixedLoad(topology);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        for (int i = 0; i < users; i++) {
            User user = load.newUser("127.0." + addressBlock + "." + (i + 1), "127.0." + addressBlock + "." + (100 + 10 * i));
            load.users.add(user);
            Thread worker = Thread.ofVirtual().name("load-" + i).start(() -> load.run(user, deadline));
            load.workers.add(worker);
        }
        return load;
    }

    private final class User {
        final IngressClient client;
        final String email = "load-" + UUID.randomUUID() + "@example.test";
        String cookie;
        String slug;
        int version;
        /** The title the post has now, as the last answered edit left it. */
        volatile String title;

        /**
         * Logins go out from eight addresses of the user's own, in turn: auth allows 30 attempts per address in
         * 15 minutes, and a user logging in every second or so would be throttled, rightly, within the test.
         */
        final List<IngressClient> loginClients = new ArrayList<>();

        User(String address, String loginAddressBase) {
            client = new IngressClient(topology.url(), topology.certificate(), address);
            int base = Integer.parseInt(loginAddressBase.substring(loginAddressBase.lastIndexOf('.') + 1));
            String network = loginAddressBase.substring(0, loginAddressBase.lastIndexOf('.') + 1);
            for (int k = 0; k < 8; k++) {
                loginClients.add(new IngressClient(topology.url(), topology.certificate(), network + (base + k)));
            }
        }
    }

    private User newUser(String address, String loginAddressBase) {
        User user = new User(address, loginAddressBase);
        HttpResponse<String> signup = user.client.postJson("/api/auth/signup",
                "{\"name\":\"Load\",\"email\":\"" + user.email + "\",\"password\":\"" + RunningSystem.PASSWORD + "\"}");
        if (signup.statusCode() != 201) {
            throw new IllegalStateException("load user not signed up: " + signup.statusCode() + " " + signup.body());
        }
        user.cookie = cookie(signup);
        HttpResponse<String> post = user.client.postJson("/api/posts", postJson("load " + UUID.randomUUID(), null),
                "Cookie", user.cookie);
        if (post.statusCode() != 201) {
            throw new IllegalStateException("load post not created: " + post.statusCode() + " " + post.body());
        }
        user.slug = match(SLUG, post.body());
        user.title = match(TITLE, post.body());
        user.version = Integer.parseInt(match(VERSION, post.body()));
        return user;
    }

    private void run(User user, long deadline) {
        for (int n = 0; running && System.nanoTime() < deadline; n++) {
            Op op = CYCLE[n % CYCLE.length];
            long start = System.nanoTime();
            int status;
            String detail = null;
            try {
                HttpResponse<String> response = call(user, op, n);
                status = response.statusCode();
                if (status >= 500) {
                    detail = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
                }
            } catch (UncheckedIOException e) {
                status = e.getCause() instanceof HttpTimeoutException ? Result.TIMEOUT : Result.CONNECTION_ERROR;
                detail = e.getCause().toString();
            }
            results.add(new Result(op, status, start, (System.nanoTime() - start) / 1_000_000, detail));
            try {
                Thread.sleep(100); // pacing: about ten requests a second per user
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpResponse<String> call(User user, Op op, int n) {
        IngressClient client = user.client;
        return switch (op) {
            case PAGE -> client.get("/blog/" + user.slug);
            case HOME -> client.get("/");
            case DASHBOARD -> client.get("/dashboard", "Cookie", user.cookie);
            case IMAGE_HIT -> client.get(IMAGE, "Accept", "image/webp");
            case IMAGE_MISS -> client.get("/_next/image?url=%2Fimages%2Fforest.jpg%3Fv%3D" + UUID.randomUUID()
                    + "&w=256&q=75", "Accept", "image/webp");
            case LOGIN -> {
                HttpResponse<String> login = user.loginClients.get((n / CYCLE.length) % user.loginClients.size()).postJson("/api/auth/login",
                        "{\"email\":\"" + user.email + "\",\"password\":\"" + RunningSystem.PASSWORD + "\"}");
                if (login.statusCode() == 200) {
                    user.cookie = cookie(login);
                }
                yield login;
            }
            case CREATE -> {
                String title = "fault " + UUID.randomUUID();
                attemptedTitles.add(title);
                HttpResponse<String> created = client.postJson("/api/posts", postJson(title, null), "Cookie", user.cookie);
                if (created.statusCode() == 201) {
                    createdTitles.add(title);
                }
                yield created;
            }
            case EDIT -> {
                HttpResponse<String> edited = client.send(client.request("/api/posts/" + user.slug)
                        .header("Content-Type", "application/json").header("Origin", topology.url())
                        .header("Cookie", user.cookie)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                postJson("load edit " + n, user.version, user.slug))).build());
                if (edited.statusCode() == 200) {
                    user.version = Integer.parseInt(match(VERSION, edited.body()));
                    user.title = "load edit " + n;
                } else {
                    // 409 (an edit whose answer was lost did apply) or an outage: read the version again.
                    HttpResponse<String> current = client.get("/api/posts/" + user.slug, "Cookie", user.cookie);
                    if (current.statusCode() == 200) {
                        user.version = Integer.parseInt(match(VERSION, current.body()));
                        user.title = match(TITLE, current.body());
                    }
                }
                yield edited;
            }
        };
    }

    private static String postJson(String title, Integer version) {
        return postJson(title, version, null);
    }

    private static String postJson(String title, Integer version, String slug) {
        return "{\"title\":\"" + title + "\",\"body\":\"Load *test*\",\"coverUrl\":\"/images/forest.jpg\","
                + "\"coverWidth\":1600,\"coverHeight\":1067,\"status\":\"published\""
                + (version == null ? "" : ",\"version\":" + version)
                + (slug == null ? "" : ",\"slug\":\"" + slug + "\"") + "}";
    }

    private static String cookie(HttpResponse<String> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-session=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie"));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in " + body);
        }
        return m.group(1);
    }

    /** Requests answered so far (or failed). */
    int completed() {
        return results.size();
    }

    /** Waits until {@code more} further requests have completed (at most 30 s). */
    void awaitMore(int more) throws InterruptedException {
        int target = completed() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (completed() < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /**
     * After the load: each user's post page shows the title its last answered edit gave it (nothing stale served
     * from a cache) and each user's session, made before any fault, still opens the dashboard. Returns what failed.
     */
    List<String> checkUsersAfterwards() {
        List<String> wrong = new ArrayList<>();
        for (User user : users) {
            HttpResponse<String> page = user.client.get("/blog/" + user.slug);
            if (page.statusCode() != 200 || !page.body().contains(user.title)) {
                wrong.add(user.slug + ": " + page.statusCode() + ", expected title " + user.title);
            }
            int dashboard = user.client.get("/dashboard", "Cookie", user.cookie).statusCode();
            if (dashboard != 200) {
                wrong.add(user.email + ": dashboard " + dashboard);
            }
        }
        return wrong;
    }

    /** Stops every user and waits for their last requests. */
    Report stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        return new Report(List.copyOf(results), Set.copyOf(attemptedTitles), Set.copyOf(createdTitles));
    }

    record Report(List<Result> results, Set<String> attemptedTitles, Set<String> createdTitles) {

        List<Result> failures() {
            return results.stream().filter(Result::failed).toList();
        }

        List<Result> between(long fromNanos, long toNanos) {
            return results.stream().filter(r -> r.startNanos() >= fromNanos && r.startNanos() <= toNanos).toList();
        }

        static long p99(List<Result> results) {
            long[] sorted = results.stream().mapToLong(Result::millis).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        }

        long rejectedWrites() {
            return results.stream().filter(r -> !r.op().read && (r.status() == 502 || r.status() == 503)).count();
        }

        /**
         * Every creation answered 201 is in the database exactly once, and no creation is there twice: title → rows
         * for every title sent.
         */
        Map<String, Integer> rowsPerTitle(Connection db) throws java.sql.SQLException {
            Map<String, Integer> rows = new HashMap<>();
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT title, count(*) FROM content.posts WHERE title = ANY (?) GROUP BY title")) {
                query.setArray(1, db.createArrayOf("text", attemptedTitles.toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return rows;
        }

        String summary() {
            Map<String, Long> byOutcome = new java.util.TreeMap<>();
            results.forEach(r -> byOutcome.merge(r.op() + " " + r.status(), 1L, Long::sum));
            return results.size() + " requests: " + byOutcome;
        }
    }
}
