package no.rusvarsel.contracts.signal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A signal's id is a name-based UUID of (provider, sourceType, externalId): the same record always has the same id. */
public final class SignalIds {

    private SignalIds() {
    }

    public static String of(String providerId, SourceType sourceType, String externalId) {
        var name = "rusvarsel-signal\u0000" + providerId + "\u0000" + sourceType.path() + "\u0000" + externalId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
