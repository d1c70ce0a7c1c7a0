package no.rusvarsel.devstack.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request of the hostile corpus.
 *
 * @param category    the kind of hostility (malformed-json, wrong-types, …), for the report
 * @param service     {@code ingest}, {@code analytics} or {@code alerts}
 * @param method      HTTP method
 * @param path        raw path and query, sent as given (already percent-encoded where meant)
 * @param credential  whose bearer credential: a source type (that provider's key) or a role (ANALYST, OPERATOR, ADMIN)
 * @param contentType the Content-Type header, or null for none
 * @param body        the body bytes, or null for none
 * @param expect      what the answer must be
 * @param secret      a value that must never be echoed in the answer (an identity number), or null
 * @param records     how many records a valid-but-odd ingest request stores
 */
public record HostileRequest(String category, String service, String method, String path, String credential,
                             String contentType, byte[] body, Expect expect, String secret, int records) {

    /** What the answer must be. */
    public enum Expect {
        /** any 4xx with a problem document, never 2xx or 5xx, nothing stored */
        REJECTED,
        /** exactly 413 with a problem document */
        TOO_LARGE,
        /** exactly 415 with a problem document */
        UNSUPPORTED_MEDIA_TYPE,
        /** valid but odd (an injection string as free text): 2xx, and it is stored */
        ACCEPTED
    }

    public static final List<String> SOURCE_TYPES = List.of("wastewater", "drug-checking", "seizure", "patient-event", "syringe");

    public boolean isIngest() {
        return service.equals("ingest") && path.startsWith("/api/v1/signals");
    }

    public String describe() {
        var shown = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return category + " " + method + " " + service + (path.length() > 160 ? path.substring(0, 160) + "…" : path)
                + " [" + contentType + ", " + (body == null ? 0 : body.length) + " B] " + shown;
    }
}
