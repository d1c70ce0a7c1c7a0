package no.rusvarsel.alerts.cap;

/** The media types this package serves. */
public final class CapMediaTypes {

    /** CAP documents; {@code application/xml} is served instead to a client that accepts only that. */
    public static final String CAP = "application/cap+xml";
    public static final String XML = "application/xml";
    public static final String ATOM = "application/atom+xml";

    private CapMediaTypes() {
    }
}
