package dev.frontdoor.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {

    private static final TrustedProxies INGRESS = new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8", "127.0.0.1"));
    private static final TrustedProxies NOBODY = new TrustedProxies(List.of());

    private static MultiMap headers(String... nameValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItClaims() {
        ClientIdentity client = NOBODY.identify("10.1.2.3", false, "example.test",
                headers("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.test",
                        "Forwarded", "for=198.51.100.1;proto=https"));
        assertEquals(new ClientIdentity("10.1.2.3", "http", "example.test"), client);
    }

    @Test
    void anUntrustedPeerCannotSpeakForOthers() {
        ClientIdentity client = INGRESS.identify("198.51.100.7", false, "example.test",
                headers("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"));
        assertEquals(new ClientIdentity("198.51.100.7", "http", "example.test"), client);
    }

    @ParameterizedTest(name = "X-Forwarded-For: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // the ingress appended the address it saw
            "203.0.113.9                          | 203.0.113.9",
            // the client forged an entry in front: the ingress's own entry (right-most untrusted) wins
            "1.1.1.1, 203.0.113.9                 | 203.0.113.9",
            "127.0.0.1, 10.0.0.5, 203.0.113.9     | 203.0.113.9",
            // two trusted proxies in a row are skipped
            "203.0.113.9, 10.0.0.7                | 203.0.113.9",
            "198.51.100.2, 203.0.113.9, 10.9.9.9, 10.0.0.7 | 203.0.113.9",
            // ports and brackets as proxies write them
            "203.0.113.9:51234                    | 203.0.113.9",
            "[2001:db8::1]:443                    | 2001:db8:0:0:0:0:0:1",
            "2001:db8::1                          | 2001:db8:0:0:0:0:0:1",
            // everyone trusted: the left-most hop
            "10.0.0.9, 10.0.0.7                   | 10.0.0.9",
            // garbage written where a trusted hop should have written an address: the last known hop
            "203.0.113.9, not-an-address          | 10.0.0.1",
    })
    void theClientIsTheRightMostAddressThatIsNoTrustedProxy(String forwardedFor, String expected) {
        ClientIdentity client = INGRESS.identify("10.0.0.1", false, "gw:8080", headers("X-Forwarded-For", forwardedFor));
        assertEquals(expected, client.address());
    }

    @Test
    void severalForwardedForLinesAreOneChain() {
        ClientIdentity client = INGRESS.identify("10.0.0.1", false, "gw",
                headers("X-Forwarded-For", "1.1.1.1", "X-Forwarded-For", "203.0.113.9, 10.0.0.3"));
        assertEquals("203.0.113.9", client.address());
    }

    @Test
    void schemeAndHostComeFromATrustedProxy() {
        ClientIdentity client = INGRESS.identify("10.0.0.1", false, "gw:8080",
                headers("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "www.example.com"));
        assertEquals(new ClientIdentity("203.0.113.9", "https", "www.example.com"), client);
    }

    @ParameterizedTest
    @CsvSource({"javascript", "ftp", "''"})
    void anUnknownForwardedSchemeKeepsTheConnections(String proto) {
        ClientIdentity client = INGRESS.identify("10.0.0.1", false, "gw", headers("X-Forwarded-Proto", proto));
        assertEquals("http", client.scheme());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"evil.test/path", "a b", "x\"y", "host:99999999"})
    void aMalformedForwardedHostKeepsTheConnections(String host) {
        ClientIdentity client = INGRESS.identify("10.0.0.1", false, "gw:8080", headers("X-Forwarded-Host", host));
        assertEquals("gw:8080", client.host());
    }

    @Test
    void theStandardForwardedHeaderIsReadTheSameWayWhenTheProxiesWriteIt() {
        TrustedProxies standard = new TrustedProxies(List.of("10.0.0.0/8"), true);
        ClientIdentity client = standard.identify("10.0.0.1", false, "gw",
                headers("Forwarded", "for=1.1.1.1, for=\"[2001:db8::7]:4711\";proto=https;host=www.example.com",
                        "X-Forwarded-For", "198.51.100.1"));
        assertEquals(new ClientIdentity("2001:db8:0:0:0:0:0:7", "https", "www.example.com"), client);
    }

    @Test
    void aForwardedHeaderTheProxiesDoNotWriteIsTheClientsAndIgnored() {
        ClientIdentity client = INGRESS.identify("10.0.0.1", false, "gw",
                headers("Forwarded", "for=198.51.100.78;proto=https", "X-Forwarded-For", "203.0.113.9"));
        assertEquals(new ClientIdentity("203.0.113.9", "http", "gw"), client);
    }

    @Test
    void anIpv6PeerInATrustedRangeIsTrusted() {
        assertEquals("203.0.113.9", INGRESS.identify("fd00::1", false, "gw",
                headers("X-Forwarded-For", "203.0.113.9")).address());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "not-a-cidr", "10.0.0.0/x", "example.com"})
    void anInvalidCidrStopsStartUp(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of(cidr)));
    }
}
