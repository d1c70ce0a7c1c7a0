package no.rusvarsel.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Memory of the stack: VmRSS in kB per part, each with all its descendants (PostgreSQL with the infra), and the total PSS. */
record StackMemory(Map<String, Long> rssKb, long totalRssKb, long totalPssKb) {

    /** Measures now; a process is counted once, in the first part it shows up in. */
    static StackMemory measure(ManagedProcess infra, Path pgData, Map<String, ManagedProcess> services) {
        var parts = new LinkedHashMap<String, List<ProcessHandle>>();
        var infraTree = new ArrayList<>(infra.tree());
        ProcessTree.postmaster(pgData).ifPresent(pm -> infraTree.addAll(ProcessTree.withDescendants(pm)));
        parts.put("infra", infraTree);
        services.forEach((name, process) -> parts.put(name, new ArrayList<>(process.tree())));
        var rss = new LinkedHashMap<String, Long>();
        var counted = new HashSet<Long>();
        long pss = 0;
        for (var part : parts.entrySet()) {
            long sum = 0;
            for (ProcessHandle p : part.getValue()) {
                if (p.isAlive() && counted.add(p.pid())) {
                    sum += ProcessTree.rssKb(p.pid());
                    pss += ProcessTree.pssKb(p.pid());
                }
            }
            rss.put(part.getKey(), sum);
        }
        return new StackMemory(rss, rss.values().stream().mapToLong(Long::longValue).sum(), pss);
    }
}
