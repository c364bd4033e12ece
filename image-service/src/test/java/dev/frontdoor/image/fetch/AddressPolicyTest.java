package dev.frontdoor.image.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.frontdoor.image.ImageConfigs;
import dev.frontdoor.support.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF failure matrix: every kind of non-public address is refused, public ones and allowed networks pass. */
class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy(ImageConfigs.of(Map.of(
            "frontdoor.image.allowed-networks", "192.168.50.0/24,fd00:1::/64")));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "127.0.0.1, false", "127.1.2.3, false", "localhost, false", "0.0.0.0, false", "10.1.2.3, false",
        "172.16.0.1, false", "172.31.255.255, false", "192.168.1.1, false", "169.254.169.254, false",
        "100.64.0.1, false", "100.127.255.254, false", "224.0.0.1, false", "255.255.255.255, false",
        "198.18.0.1, false", "::1, false", "::, false", "::ffff:127.0.0.1, false", "::ffff:10.0.0.1, false",
        "::127.0.0.1, false", "64:ff9b::a9fe:a9fe, false", "2002:7f00:1::, false", "fe80::1, false",
        "fc00::1, false", "fd12:3456::1, false", "ff02::1, false",
        "8.8.8.8, true", "1.1.1.1, true", "172.32.0.1, true", "100.128.0.1, true", "2606:4700::1111, true",
        "::ffff:8.8.8.8, true", "64:ff9b::808:808, true",
        "192.168.50.7, true", "fd00:1::5, true", "192.168.51.7, false",
    })
    void onlyPublicOrAllowedAddressesPass(String host, boolean allowed) {
        if (allowed) {
            assertEquals(java.net.InetAddress.ofLiteral(host.equals("localhost") ? "127.0.0.1" : host),
                    policy.checkedAddress(host));
        } else {
            ProblemException refused = assertThrows(ProblemException.class, () -> policy.checkedAddress(host));
            assertEquals(400, refused.problem().status());
            assertEquals("\"url\" parameter is not allowed", refused.problem().detail());
        }
    }
}
