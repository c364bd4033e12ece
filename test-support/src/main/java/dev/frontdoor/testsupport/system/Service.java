package dev.frontdoor.testsupport.system;

/** The four services: their module folder, default port, and which data stores they use. */
public enum Service {
    AUTH("auth-service", "auth", 8081, true, true),
    CONTENT("content-service", "content", 8082, true, true),
    IMAGE("image-service", "image", 8083, false, false),
    GATEWAY("edge-gateway", "gateway", 8080, false, true);

    final String module;
    final String shortName;
    final int defaultPort;
    final boolean usesPostgres;
    final boolean usesRedis;

    Service(String module, String shortName, int defaultPort, boolean usesPostgres, boolean usesRedis) {
        this.module = module;
        this.shortName = shortName;
        this.defaultPort = defaultPort;
        this.usesPostgres = usesPostgres;
        this.usesRedis = usesRedis;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
