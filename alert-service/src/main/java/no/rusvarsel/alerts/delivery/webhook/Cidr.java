package no.rusvarsel.alerts.delivery.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address block ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is a block of one. */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        var slash = text.indexOf('/');
        var address = literal(slash < 0 ? text : text.substring(0, slash));
        var bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block: " + text);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix out of range in " + text);
        }
        return new Cidr(address.getAddress(), prefix);
    }

    /** Whether the text is an IP address literal (IPv6 optionally in brackets), without resolving anything. */
    public static boolean isLiteral(String text) {
        var t = unbracket(text);
        return t.indexOf(':') >= 0 || t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    public boolean contains(InetAddress address) {
        var bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    private static InetAddress literal(String text) {
        var t = unbracket(text.strip());
        if (!isLiteral(t)) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
