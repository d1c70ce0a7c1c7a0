package no.rusvarsel.alerts.delivery.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may not reach (SSRF guard): loopback, private (RFC 1918, fc00::/7), link-local,
 * unspecified, multicast, shared CGNAT space and other special-purpose blocks; an IPv6 address that embeds an IPv4
 * one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address inside.
 */
public final class AddressRules {

    private record Block(Cidr cidr, String kind) {
    }

    private static final List<Block> BLOCKED = List.of(
            block("0.0.0.0/8", "unspecified"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "shared (CGNAT)"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "reserved"),
            block("192.0.2.0/24", "documentation"),
            block("192.168.0.0/16", "private"),
            block("198.18.0.0/15", "reserved"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("100::/64", "reserved"),
            block("2001::/32", "reserved"),
            block("2001:db8::/32", "documentation"),
            block("fc00::/7", "private"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "private"),
            block("ff00::/8", "multicast"));

    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private AddressRules() {
    }

    private static Block block(String cidr, String kind) {
        return new Block(Cidr.parse(cidr), kind);
    }

    /** Why the address may not be reached (e.g. "loopback"), or empty for a public address. */
    public static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address) {
            var embedded = embeddedIpv4(address);
            if (embedded.isPresent()) {
                return refusal(embedded.get());
            }
        }
        for (var b : BLOCKED) {
            if (b.cidr().contains(address)) {
                return Optional.of(b.kind());
            }
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("non-public");
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress v6) {
        var b = v6.getAddress();
        byte[] v4 = null;
        if (isMapped(b) || NAT64.contains(v6)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (COMPATIBLE.contains(v6) && !isZeroOrOne(b)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (SIX_TO_FOUR.contains(v6)) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** ::ffff:a.b.c.d (Java turns parsed ones into IPv4 addresses, but raw bytes may still carry one). */
    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static boolean isZeroOrOne(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 0 || b[15] == 1;
    }
}
