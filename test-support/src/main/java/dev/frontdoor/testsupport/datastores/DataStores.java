package dev.frontdoor.testsupport.datastores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis for tests and the local run. Embedded servers (from Maven artifacts) on free loopback
 * ports unless {@code FRONTDOOR_PG_ADMIN_URL} / {@code FRONTDOOR_REDIS_URL} name external ones.
 * <p>
 * Each service gets its own PostgreSQL login role that can create (and so owns) only its own schema: the design
 * says no service reads another's tables, and the database enforces it.
 */
public final class DataStores implements AutoCloseable {

    /** The database every service connects to; each owns one schema in it. */
    public static final String DATABASE = "frontdoor";

    private final EmbeddedPostgres embeddedPostgres;
    private final String adminJdbcBase;
    private final String adminUser;
    private final String adminPassword;
    private final String database;
    private final boolean dropDatabaseOnClose;
    private final RedisServer embeddedRedis;
    private final int redisPort;
    private final String redisUrl;
    private final String rolePassword;
    /** The postmaster's command line while {@link #stopPostgres()} has it stopped. */
    private java.util.List<String> stoppedPostgresCommand;

    private DataStores(EmbeddedPostgres embeddedPostgres, String adminJdbcBase, String adminUser, String adminPassword,
                       String database, boolean dropDatabaseOnClose, RedisServer embeddedRedis, int redisPort,
                       String redisUrl, String rolePassword) {
        this.embeddedPostgres = embeddedPostgres;
        this.adminJdbcBase = adminJdbcBase;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.database = database;
        this.dropDatabaseOnClose = dropDatabaseOnClose;
        this.embeddedRedis = embeddedRedis;
        this.redisPort = redisPort;
        this.redisUrl = redisUrl;
        this.rolePassword = rolePassword;
    }

    /** For one test run: fresh database and Redis, removed on close. */
    public static DataStores forTests() {
        String suffix = HexFormat.of().formatHex(randomBytes(4));
        String externalPg = System.getenv("FRONTDOOR_PG_ADMIN_URL");
        String externalRedis = System.getenv("FRONTDOOR_REDIS_URL");
        return start(externalPg, externalRedis, null, 0, 0, DATABASE + "_test_" + suffix,
                HexFormat.of().formatHex(randomBytes(16)));
    }

    /**
     * For the local run: data kept under {@code dataDir} so restarts keep it, fixed ports, durable writes.
     * The role password is local-only and sits in the data folder, never in the repository.
     */
    public static DataStores forLocalRun(Path dataDir, int postgresPort, int redisPort) {
        try {
            Files.createDirectories(dataDir);
            Path secret = dataDir.resolve("db-password");
            if (!Files.exists(secret)) {
                Files.writeString(secret, HexFormat.of().formatHex(randomBytes(16)));
            }
            return start(System.getenv("FRONTDOOR_PG_ADMIN_URL"), System.getenv("FRONTDOOR_REDIS_URL"), dataDir,
                    postgresPort, redisPort, DATABASE, Files.readString(secret).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataStores start(String externalPg, String externalRedis, Path dataDir, int pgPort, int redisPort,
                                    String database, String rolePassword) {
        EmbeddedPostgres pg = null;
        RedisServer redis = null;
        try {
            String adminBase;
            String adminUser;
            String adminPassword;
            if (externalPg != null && !externalPg.isBlank()) {
                // postgresql://user:password@host:port
                URI uri = URI.create(externalPg);
                String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres", ""} : uri.getUserInfo().split(":", 2);
                adminBase = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/";
                adminUser = userInfo[0];
                adminPassword = userInfo.length > 1 ? userInfo[1] : "";
            } else {
                pg = startEmbeddedPostgres(dataDir, pgPort);
                adminBase = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
                adminUser = "postgres";
                adminPassword = "";
            }
            String url;
            int port;
            if (externalRedis != null && !externalRedis.isBlank()) {
                url = externalRedis;
                port = URI.create(externalRedis).getPort();
            } else {
                port = redisPort == 0 ? freePort() : redisPort;
                redis = startEmbeddedRedis(dataDir, port);
                url = "redis://127.0.0.1:" + port;
            }
            DataStores stores = new DataStores(pg, adminBase, adminUser, adminPassword, database, dataDir == null,
                    redis, port, url, rolePassword);
            stores.provisionDatabase();
            return stores;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(pg, redis);
            throw new IllegalStateException("could not start PostgreSQL and Redis: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres startEmbeddedPostgres(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port == 0 ? freePort() : port)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (dataDir != null) {
            // Local data must survive a crash: undo the embedded defaults that trade durability for speed.
            builder.setDataDirectory(dataDir.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        return builder.start();
    }

    private static RedisServer startEmbeddedRedis(Path dataDir, int port) throws IOException {
        var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("protected-mode yes")
                .onShutdownForceStop(true);
        if (dataDir != null) {
            Path redisDir = dataDir.resolve("redis");
            Files.createDirectories(redisDir);
            builder.setting("dir " + redisDir.toAbsolutePath()).setting("appendonly yes");
        } else {
            builder.setting("save \"\"").setting("appendonly no");
        }
        RedisServer server = builder.build();
        server.start();
        return server;
    }

    /** Creates the database and one login role per service; idempotent, so a restart of the local run is safe. */
    private void provisionDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminJdbcBase + "postgres", adminUser, adminPassword);
             Statement st = admin.createStatement()) {
            var exists = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                st.execute("CREATE DATABASE " + database);
            }
            for (String service : new String[] {"auth", "content"}) {
                String role = roleOf(service);
                var roleExists = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'");
                if (!roleExists.next()) {
                    st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + rolePassword + "'");
                } else {
                    st.execute("ALTER ROLE " + role + " PASSWORD '" + rolePassword + "'");
                }
                st.execute("GRANT CONNECT, CREATE ON DATABASE " + database + " TO " + role);
            }
        }
        try (Connection db = DriverManager.getConnection(adminJdbcBase + database, adminUser, adminPassword);
             Statement st = db.createStatement()) {
            // Nobody but a schema's owner may use the public schema to share tables across services.
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    public static String roleOf(String service) {
        return "frontdoor_" + service;
    }

    /** A connection as the administrator to the services' database (tests read what the services wrote). */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminJdbcBase + database, adminUser, adminPassword);
    }

    public String jdbcUrl() {
        return adminJdbcBase + database;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** Quarkus configuration for one service: its own database role when it has a database, and Redis when it uses it. */
    public Map<String, String> quarkusConfigFor(String service, boolean usesPostgres, boolean usesRedis) {
        var config = new java.util.LinkedHashMap<String, String>();
        if (usesPostgres) {
            config.put("quarkus.datasource.jdbc.url", jdbcUrl());
            config.put("quarkus.datasource.username", roleOf(service));
            config.put("quarkus.datasource.password", rolePassword);
        }
        if (usesRedis) {
            config.put("quarkus.redis.hosts", redisUrl);
        }
        return config;
    }

    /** The same configuration as environment variables, for services started as processes. */
    public Map<String, String> environmentFor(String service, boolean usesPostgres, boolean usesRedis) {
        var env = new java.util.LinkedHashMap<String, String>();
        quarkusConfigFor(service, usesPostgres, usesRedis).forEach((key, value) ->
                env.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }

    /** Stops the embedded Redis (to test fail-open and fail-closed paths); {@link #startRedis()} brings it back. */
    public void stopRedis() {
        requireEmbeddedRedis();
        try {
            embeddedRedis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void startRedis() {
        requireEmbeddedRedis();
        try {
            embeddedRedis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills Redis (SIGKILL), as a crash or an evicted pod would; {@link #startRedis()} starts it again on the same
     * port (the test Redis keeps no data on disk: it comes back empty, as a replaced cache node does).
     */
    public void killRedis() {
        requireEmbeddedRedis();
        ProcessHandle redis = redisProcess();
        signal(redis.pid(), "KILL");
        redis.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        try {
            embeddedRedis.stop(); // forgets the dead process, so that start() starts a new one
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    /**
     * Freezes Redis (SIGSTOP) as a stalled server would be: connections stay open and nothing answers.
     * {@link #resumeRedis()} (SIGCONT) lets it go on where it stopped.
     */
    public void pauseRedis() {
        signalRedis("STOP");
    }

    public void resumeRedis() {
        signalRedis("CONT");
    }

    private void signalRedis(String signal) {
        requireEmbeddedRedis();
        signal(redisProcess().pid(), signal);
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The embedded Redis server's process. redis-server rewrites its title to {@code redis-server <host>:<port>},
     * which the JDK's process info does not show; /proc does.
     */
    public ProcessHandle redisProcess() {
        String address = ":" + redisPort;
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String title = String.join(" ", commandLineOf(p)) + " ";
                    return title.contains("redis-server") && title.contains(address + " ");
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no redis-server process on port " + redisPort));
    }

    /**
     * Stops PostgreSQL as an outage or a restart would (fast shutdown: sessions are cut, nothing committed is lost);
     * {@link #startPostgres()} starts it again on the same data and port, with the same command line.
     */
    public synchronized void stopPostgres() {
        if (embeddedPostgres == null) {
            throw new IllegalStateException("PostgreSQL is external (FRONTDOOR_PG_ADMIN_URL); it cannot be stopped from here");
        }
        ProcessHandle postmaster = postmaster();
        stoppedPostgresCommand = commandLineOf(postmaster);
        signal(postmaster.pid(), "INT"); // fast shutdown; SIGTERM (smart) would wait for every client to leave
        postmaster.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    public synchronized void startPostgres() {
        if (stoppedPostgresCommand == null) {
            throw new IllegalStateException("PostgreSQL was not stopped by stopPostgres()");
        }
        // As the embedded server was started: PostgreSQL refuses to run as root, so as root it runs in a user
        // namespace of its own (unshare -U), where it is not.
        java.util.List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(java.util.List.of("unshare", "-U"));
        }
        command.addAll(stoppedPostgresCommand);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(adminJdbcBase + "postgres", adminUser, adminPassword)) {
                stoppedPostgresCommand = null;
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not come back: " + e.getMessage(), e);
                }
                sleepQuietly(100);
            }
        }
    }

    private ProcessHandle postmaster() {
        String port = "-p " + embeddedPostgres.getPort() + " ";
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String line = String.join(" ", commandLineOf(p)) + " ";
                    return line.contains("/bin/postgres ") && line.contains(port);
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no postmaster on port " + embeddedPostgres.getPort()));
    }

    private static java.util.List<String> commandLineOf(ProcessHandle process) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return java.util.Arrays.stream(raw.split("\u0000")).filter(a -> !a.isEmpty()).toList();
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int redisPort() {
        return redisPort;
    }

    private void requireEmbeddedRedis() {
        if (embeddedRedis == null) {
            throw new IllegalStateException("Redis is external (FRONTDOOR_REDIS_URL); it cannot be stopped from here");
        }
    }

    @Override
    public void close() {
        if (dropDatabaseOnClose && embeddedPostgres == null) {
            try (Connection admin = DriverManager.getConnection(adminJdbcBase + "postgres", adminUser, adminPassword);
                 Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop test database " + database + ": " + e.getMessage());
            }
        }
        closeQuietly(embeddedPostgres, embeddedRedis);
    }

    private static void closeQuietly(EmbeddedPostgres pg, RedisServer redis) {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop Redis: " + e.getMessage());
        }
        try {
            if (pg != null) {
                pg.close();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop PostgreSQL: " + e.getMessage());
        }
    }

    /** Ports handed out by {@link #freePort()} in this JVM, never handed out twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port that is free now, below Linux's ephemeral range (32768+): the kernel never gives such a port to an
     * outgoing connection, so between this call and the server's bind nothing else takes it (with a dozen JVMs
     * making connections, a port from the ephemeral range was sometimes gone by then).
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1);
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
