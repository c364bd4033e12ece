package dev.frontdoor.gateway.client;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whom a request is from. The TCP peer is the client unless it is a trusted proxy
 * ({@code frontdoor.gateway.trusted-proxies}, CIDRs; none by default): then the address comes from
 * {@code X-Forwarded-For} (or {@code Forwarded}, whichever the proxies write: {@code forwarded-header}), read from the right, and is the right-most address that is not itself a trusted
 * proxy. Everything left of it was written by the client and is never believed, so a forged header cannot change a
 * client's identity. Scheme and host come from {@code X-Forwarded-Proto}/{@code -Host} (or {@code Forwarded}) of a
 * trusted peer only.
 * <p>
 * Written here rather than with Quarkus' {@code quarkus.http.proxy.*}: that takes the left-most forwarded address,
 * which the client controls whenever the proxy appends to the header (nginx's {@code $proxy_add_x_forwarded_for}).
 */
@Singleton
public class TrustedProxies {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private final List<IpSubnetFilterRule> trusted;
    private final boolean standardHeader;

    @Inject
    public TrustedProxies(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()), config.forwardedHeader() == GatewayConfig.ForwardedHeader.FORWARDED);
    }

    /** Trusting proxies that write {@code X-Forwarded-*} headers. */
    public TrustedProxies(List<String> cidrs) {
        this(cidrs, false);
    }

    public TrustedProxies(List<String> cidrs, boolean standardHeader) {
        this.standardHeader = standardHeader;
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String cidr : cidrs) {
            if (!cidr.isBlank()) {
                rules.add(rule(cidr.strip()));
            }
        }
        this.trusted = List.copyOf(rules);
    }

    private static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new IllegalArgumentException("frontdoor.gateway.trusted-proxies: '" + cidr + "' is not an address or CIDR");
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("frontdoor.gateway.trusted-proxies: '" + cidr + "' has an invalid prefix length");
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    public ClientIdentity identify(HttpServerRequest request) {
        return identify(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress(),
                request.isSSL(), request.authority() == null ? "" : request.authority().toString(), request.headers());
    }

    /** As {@link #identify(HttpServerRequest)}, from the connection's peer, TLS and authority and the request headers. */
    public ClientIdentity identify(String peer, boolean tls, String authority, MultiMap headers) {
        String scheme = tls ? "https" : "http";
        String host = authority;
        if (!trusts(peer)) {
            return new ClientIdentity(peer, scheme, host);
        }
        Forwarded forwarded = standardHeader ? Forwarded.standard(headers) : Forwarded.xForwarded(headers);
        String client = peer;
        for (int i = forwarded.chain().size() - 1; i >= 0 && trusts(client); i--) {
            String hop = literal(forwarded.chain().get(i));
            if (hop == null) {
                break; // a trusted proxy wrote something that is no address: keep the last hop we know
            }
            client = hop;
        }
        String forwardedScheme = forwarded.proto() == null ? null : forwarded.proto().toLowerCase(Locale.ROOT);
        if ("http".equals(forwardedScheme) || "https".equals(forwardedScheme)) {
            scheme = forwardedScheme;
        }
        if (forwarded.host() != null && HOST.matcher(forwarded.host()).matches()) {
            host = forwarded.host();
        }
        return new ClientIdentity(client, scheme, host);
    }

    boolean trusts(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        InetAddress inet = NetUtil.createInetAddressFromIpAddressString(address);
        if (inet == null) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(inet, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** An address as proxies write it ({@code 1.2.3.4}, {@code 1.2.3.4:80}, {@code [::1]:80}, {@code "[::1]"}), or null. */
    static String literal(String value) {
        String v = value.strip();
        if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            v = close < 0 ? "" : v.substring(1, close);
        } else if (v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            v = v.substring(0, v.indexOf(':'));
        }
        InetAddress inet = NetUtil.createInetAddressFromIpAddressString(v);
        return inet == null ? null : inet.getHostAddress();
    }

    /** The forwarding chain and the last proxy's scheme and host, from the one header the proxies write. */
    record Forwarded(List<String> chain, String proto, String host) {

        static Forwarded standard(MultiMap headers) {
            List<String> chain = new ArrayList<>();
            String proto = null;
            String host = null;
            for (String line : headers.getAll("Forwarded")) {
                for (String element : line.split(",")) {
                    String forValue = null;
                    String protoValue = null;
                    String hostValue = null;
                    for (String pair : element.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq < 0) {
                            continue;
                        }
                        String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                        String value = unquote(pair.substring(eq + 1).strip());
                        switch (name) {
                            case "for" -> forValue = value;
                            case "proto" -> protoValue = value;
                            case "host" -> hostValue = value;
                            default -> { }
                        }
                    }
                    chain.add(forValue == null ? "" : forValue);
                    proto = protoValue;
                    host = hostValue;
                }
            }
            return new Forwarded(chain, proto, host);
        }

        static Forwarded xForwarded(MultiMap headers) {
            List<String> chain = new ArrayList<>();
            for (String line : headers.getAll("X-Forwarded-For")) {
                for (String hop : line.split(",")) {
                    chain.add(hop.strip());
                }
            }
            return new Forwarded(chain, last(headers.getAll("X-Forwarded-Proto")), last(headers.getAll("X-Forwarded-Host")));
        }

        private static String last(List<String> lines) {
            if (lines.isEmpty()) {
                return null;
            }
            String line = lines.getLast();
            String value = line.substring(line.lastIndexOf(',') + 1).strip();
            return value.isEmpty() ? null : value;
        }

        private static String unquote(String value) {
            return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }
    }
}
