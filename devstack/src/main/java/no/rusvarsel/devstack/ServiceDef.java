package no.rusvarsel.devstack;

import java.util.List;

/** A service of the stack: its module (= jar and log name), its key in credentials.json, and its database if any. */
record ServiceDef(String module, String key, String database) {

    static final List<ServiceDef> ALL = List.of(
            new ServiceDef("ingest-service", "ingest", "ingest"),
            new ServiceDef("analytics-service", "analytics", null),
            new ServiceDef("alert-service", "alerts", "alerts"));

    static ServiceDef of(String module) {
        return ALL.stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
    }

    int port(Ports ports) {
        return switch (key) {
            case "ingest" -> ports.ingest();
            case "analytics" -> ports.analytics();
            default -> ports.alerts();
        };
    }
}
