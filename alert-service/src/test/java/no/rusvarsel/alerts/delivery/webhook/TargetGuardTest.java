package no.rusvarsel.alerts.delivery.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGuardTest {

    /** A resolver answering from a table, so that no test needs DNS. */
    private static TargetGuard.Resolver dns(Map<String, String> table) {
        return host -> {
            var address = table.get(host);
            if (address == null) {
                if (Cidr.isLiteral(host)) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.org", "93.184.215.14",
            "localhost", "127.0.0.1",
            "internal.example.org", "10.20.30.40",
            "metadata.example.org", "169.254.169.254");

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.1.2.3, loopback", "::1, loopback",
            "10.0.0.1, private", "172.16.5.4, private", "172.31.255.255, private", "192.168.1.1, private",
            "fc00::1, private", "fd12:3456::1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "0.0.0.0, unspecified", "::, unspecified",
            "224.0.0.1, multicast", "ff02::1, multicast",
            "100.64.0.1, shared (CGNAT)", "100.127.255.254, shared (CGNAT)",
            "::ffff:10.0.0.1, private", "64:ff9b::7f00:1, loopback", "2002:c0a8:101::1, private",
            "240.0.0.1, reserved", "192.0.2.10, documentation"})
    void shouldClassifyNonPublicAddresses(String address, String kind) throws Exception {
        // When a non-public address is classified
        var refusal = AddressRules.refusal(InetAddress.getByName(address));

        // Then it is refused, saying why
        assertThat(refusal).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888"})
    void shouldLetPublicAddressesThrough(String address) throws Exception {
        assertThat(AddressRules.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void shouldAcceptAnHttpsTargetOnAPublicAddress() throws Exception {
        // Given no allow-list
        var guard = new TargetGuard(AllowList.empty(), dns(DNS));

        // Then a public https target passes
        assertThat(guard.check("https://hooks.example.org/rusvarsel?x=1").toString()).isEqualTo("https://hooks.example.org/rusvarsel?x=1");
    }

    @Test
    void shouldRefuseLoopbackPrivateAndMetadataTargetsWithoutAnAllowList() {
        // Given no allow-list
        var guard = new TargetGuard(AllowList.empty(), dns(DNS));

        // Then names and literals that reach inside are refused
        assertThatThrownBy(() -> guard.check("https://localhost:8443/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("https://127.0.0.1/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("https://[::1]/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("https://internal.example.org/")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.check("https://metadata.example.org/latest")).hasMessageContaining("link-local");
    }

    @Test
    void shouldRefuseAHostWithAnyNonPublicAddress() {
        // Given a name resolving to a public and a loopback address (DNS rebinding style)
        TargetGuard.Resolver both = host -> new InetAddress[] {
                InetAddress.getByName("93.184.215.14"), InetAddress.getByName("127.0.0.1")};
        var guard = new TargetGuard(AllowList.empty(), both);

        // Then it is refused
        assertThatThrownBy(() -> guard.check("https://hooks.example.org/")).hasMessageContaining("loopback");
    }

    @Test
    void shouldAllowAllowListedBlocksAndHostsAndPlainHttpForThem() throws Exception {
        // Given an allow-list with loopback and an internal host name
        var guard = new TargetGuard(AllowList.parse("127.0.0.1/32, internal.example.org"), dns(DNS));

        // Then those pass, even over plain http; other private targets still do not
        assertThat(guard.check("http://127.0.0.1:9000/hook")).hasPort(9000);
        assertThat(guard.check("http://localhost:9000/hook")).hasHost("localhost");
        assertThat(guard.check("http://internal.example.org/hook")).hasHost("internal.example.org");
        assertThatThrownBy(() -> guard.check("https://127.0.0.2/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("https://metadata.example.org/")).hasMessageContaining("link-local");
    }

    @Test
    void shouldAllowWildcardDomainsInTheAllowList() throws Exception {
        var guard = new TargetGuard(AllowList.parse("*.example.org"), dns(DNS));

        assertThat(guard.check("https://internal.example.org/")).hasHost("internal.example.org");
        assertThatThrownBy(() -> guard.check("https://localhost/")).hasMessageContaining("loopback");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://hooks.example.org/hook|must use https",
            "ftp://hooks.example.org/|must be an https URL",
            "/relative/path|must be an https URL",
            "https://user:pw@hooks.example.org/|must not contain credentials",
            "https://hooks.example.org/#frag|must not contain a fragment",
            "https://exa mple.org/|not a valid URL"})
    void shouldRefuseMalformedOrPlainHttpTargets(String target, String message) {
        var guard = new TargetGuard(AllowList.empty(), dns(DNS));

        assertThatThrownBy(() -> guard.check(target)).isInstanceOf(TargetGuard.RefusedTarget.class).hasMessageContaining(message);
    }

    @Test
    void shouldReportAnUnresolvableHostAsSuch() {
        var guard = new TargetGuard(AllowList.empty(), dns(DNS));

        assertThatThrownBy(() -> guard.check("https://nowhere.example.org/")).isInstanceOf(UnknownHostException.class);
    }
}
