package no.rusvarsel.support.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a person's Rusvarsel roles from token claims: the values at a claim path (dotted for nested claims, a
 * string or a list), translated by an optional mapping; only {@link #KNOWN_ROLES} ever become roles.
 *
 * @param claimPath the claim's name, or its path through nested objects
 * @param mapping   claim value to the roles it grants; empty: a value is its own role name
 */
public record RoleMapping(String claimPath, Map<String, Set<String>> mapping) {

    public static final Set<String> KNOWN_ROLES = Set.of("ANALYST", "OPERATOR", "ADMIN");

    /** The dev stack's tokens: a top-level {@code roles} list of role names. */
    public static final RoleMapping PLAIN = new RoleMapping("roles", Map.of());

    public RoleMapping {
        if (claimPath == null || claimPath.isBlank()) {
            throw new IllegalArgumentException("the roles claim must not be empty");
        }
        mapping = Map.copyOf(mapping);
    }

    /**
     * Parses a mapping written {@code value=ROLE,value=ROLE} (a value may be listed for several roles).
     *
     * @throws IllegalArgumentException for an entry without {@code =} or a role that is not one of {@link #KNOWN_ROLES}
     */
    public static RoleMapping parse(String claimPath, String mapping) {
        var parsed = new LinkedHashMap<String, Set<String>>();
        if (mapping != null) {
            for (var entry : mapping.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.lastIndexOf('=');
                var value = equals < 0 ? "" : entry.substring(0, equals).trim();
                var role = equals < 0 ? "" : entry.substring(equals + 1).trim();
                if (value.isEmpty() || !KNOWN_ROLES.contains(role)) {
                    throw new IllegalArgumentException("role mapping entry '" + entry.trim()
                            + "' is not value=ROLE with ROLE one of ANALYST, OPERATOR, ADMIN");
                }
                parsed.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(role);
            }
        }
        return new RoleMapping(claimPath == null ? "" : claimPath.trim(), parsed);
    }

    /** The roles these claims grant, without duplicates, in claim order. */
    public List<String> rolesIn(Map<String, Object> claims) {
        var roles = new LinkedHashSet<String>();
        for (var value : valuesAt(claims)) {
            if (mapping.isEmpty()) {
                roles.add(value);
            } else {
                roles.addAll(mapping.getOrDefault(value, Set.of()));
            }
        }
        roles.retainAll(KNOWN_ROLES);
        return List.copyOf(roles);
    }

    private List<String> valuesAt(Map<String, Object> claims) {
        // a claim named with dots (https://example.org/roles) is taken whole before it is read as a path
        Object node = claims.containsKey(claimPath) ? claims.get(claimPath) : walk(claims);
        var values = new ArrayList<String>();
        if (node instanceof String single) {
            values.add(single);
        } else if (node instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        return values;
    }

    private Object walk(Map<String, Object> claims) {
        Object node = claims;
        for (var name : claimPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> object)) {
                return null;
            }
            node = object.get(name);
        }
        return node;
    }
}
