package dev.frontdoor.image.fetch;

import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * SSRF protection: a remote image host is resolved once, every address it resolves to must be public unicast
 * (or inside a configured allowed network), and the fetch then connects to that checked address only, so DNS
 * rebinding between check and connect cannot redirect it. Refused: loopback, private, link-local, CGNAT,
 * multicast, reserved and documentation ranges, and IPv4 addresses hidden in IPv6 (mapped, NAT64, 6to4; the deprecated compatible form is refused outright).
 */
@ApplicationScoped
public class AddressPolicy {

    private static final Logger LOG = Logger.getLogger(AddressPolicy.class);

    /** Every IPv4 range that is not public unicast, as {address, prefix length}. */
    private static final List<Cidr> NOT_PUBLIC_V4 = Cidr.all("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<Cidr> NOT_PUBLIC_V6 = Cidr.all("::/96", "100::/64", "2001::/32",
            "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private final boolean allowAll;
    private final List<Cidr> allowed;

    public AddressPolicy(ImageConfig config) {
        this.allowAll = config.dangerouslyAllowLocalIp();
        this.allowed = config.allowedNetworks().map(list -> list.stream().map(Cidr::parse).toList()).orElse(List.of());
    }

    /** The address to connect to for {@code host}, after checking all it resolves to; 400 "not allowed" if not public. */
    public InetAddress checkedAddress(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ProblemException.of(502, "Bad Gateway", "\"url\" parameter is valid but upstream response is invalid");
        }
        if (!allowAll) {
            for (InetAddress address : addresses) {
                if (!permitted(address)) {
                    LOG.warnf("Refused an image host that resolves to a non-public address: %s -> %s", host,
                            address.getHostAddress());
                    throw ProblemException.of(400, "Bad Request", "\"url\" parameter is not allowed");
                }
            }
        }
        return addresses[0];
    }

    boolean permitted(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Cidr network : allowed) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        return isPublic(bytes);
    }

    static boolean isPublic(byte[] address) {
        if (address.length == 4) {
            return NOT_PUBLIC_V4.stream().noneMatch(c -> c.contains(address));
        }
        byte[] embedded = embeddedIpv4(address);
        if (embedded != null) {
            return isPublic(embedded);
        }
        return NOT_PUBLIC_V6.stream().noneMatch(c -> c.contains(address));
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static byte[] embeddedIpv4(byte[] v6) {
        if (Arrays.equals(v6, 0, 10, new byte[10], 0, 10) && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    /** An IPv4 or IPv6 network in CIDR notation. */
    record Cidr(byte[] network, int prefix) {

        static List<Cidr> all(String... cidrs) {
            return Arrays.stream(cidrs).map(Cidr::parse).toList();
        }

        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(slash < 0 ? cidr.strip() : cidr.substring(0, slash).strip()).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1).strip());
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("frontdoor.image.allowed-networks: not a CIDR network: " + cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            if (!Arrays.equals(address, 0, full, network, 0, full)) {
                return false;
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
