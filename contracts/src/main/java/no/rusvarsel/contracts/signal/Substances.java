package no.rusvarsel.contracts.signal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Collects the distinct, non-blank substance names of a record's items, in order. */
final class Substances {

    private Substances() {
    }

    @SafeVarargs
    static <T> List<String> distinct(Collection<T> items, Function<T, String>... names) {
        var out = new LinkedHashSet<String>();
        if (items != null) {
            for (T item : items) {
                if (item == null) {
                    continue;
                }
                for (var name : names) {
                    var value = name.apply(item);
                    if (value != null && !value.isBlank()) {
                        out.add(value);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    static List<String> distinctNames(List<String> a, List<String> b) {
        var out = new LinkedHashSet<String>();
        for (var list : List.of(Objects.requireNonNullElse(a, List.<String>of()), Objects.requireNonNullElse(b, List.<String>of()))) {
            list.stream().filter(s -> s != null && !s.isBlank()).forEach(out::add);
        }
        return List.copyOf(out);
    }
}
