package no.rusvarsel.alerts.delivery.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/** Validates a subscription's e-mail target: one plain address (no display name, no list), at most 254 characters. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** Why the address cannot be used, or empty when it can. */
    public static Optional<String> problem(String target) {
        if (target == null || target.isBlank()) {
            return Optional.of("must be an e-mail address");
        }
        var t = target.strip();
        if (t.length() > 254) {
            return Optional.of("must be at most 254 characters");
        }
        try {
            var parsed = InternetAddress.parse(t, true);
            if (parsed.length != 1 || parsed[0].getPersonal() != null || !t.equals(parsed[0].getAddress())) {
                return Optional.of("must be one plain e-mail address like name@example.org");
            }
            parsed[0].validate();
            var at = t.lastIndexOf('@');
            if (at < 1 || at == t.length() - 1 || t.indexOf('@') != at) {
                return Optional.of("must be one plain e-mail address like name@example.org");
            }
            var domain = t.substring(at + 1);
            if (!domain.matches("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")) {
                return Optional.of("must have a domain like example.org");
            }
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of("is not a valid e-mail address: " + e.getMessage());
        }
    }
}
