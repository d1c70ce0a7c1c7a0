package no.rusvarsel.alerts.delivery.webhook;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Targets an operator trusts although they are not public (RUSVARSEL_WEBHOOK_ALLOW_LIST): comma-separated CIDR
 * blocks or addresses ({@code 127.0.0.1/32}, {@code 10.1.2.0/24}, {@code ::1}) and host names ({@code localhost},
 * {@code hooks.internal}; {@code *.internal} for every sub-domain). An allow-listed target may also use plain http.
 */
public final class AllowList {

    private final List<Cidr> blocks;
    private final List<String> hosts;

    private AllowList(List<Cidr> blocks, List<String> hosts) {
        this.blocks = List.copyOf(blocks);
        this.hosts = List.copyOf(hosts);
    }

    public static AllowList parse(String text) {
        var blocks = new ArrayList<Cidr>();
        var hosts = new ArrayList<String>();
        if (text != null) {
            for (var raw : text.split(",")) {
                var entry = raw.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.contains("/") || Cidr.isLiteral(entry)) {
                    blocks.add(Cidr.parse(entry));
                } else {
                    hosts.add(entry.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new AllowList(blocks, hosts);
    }

    public static AllowList empty() {
        return new AllowList(List.of(), List.of());
    }

    public boolean allowsHost(String host) {
        var h = Cidr.unbracket(host).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (var entry : hosts) {
            if (entry.startsWith("*.") ? h.endsWith(entry.substring(1)) : h.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    public boolean allowsAddress(InetAddress address) {
        return blocks.stream().anyMatch(b -> b.contains(address));
    }
}
