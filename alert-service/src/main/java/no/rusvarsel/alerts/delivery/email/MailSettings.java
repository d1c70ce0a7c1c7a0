package no.rusvarsel.alerts.delivery.email;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;

/**
 * The SMTP server and sender of alert e-mails (env SMTP_HOST, SMTP_PORT, SMTP_TLS = none | starttls | tls,
 * SMTP_USER, SMTP_PASSWORD, SMTP_TIMEOUT, RUSVARSEL_MAIL_FROM).
 */
@Singleton
public class MailSettings {

    /** How the connection is protected: not at all, upgraded with STARTTLS (required), or TLS from the start. */
    public enum Tls { NONE, STARTTLS, TLS }

    private final String host;
    private final int port;
    private final Tls tls;
    private final String username;
    private final String password;
    private final String from;
    private final Duration timeout;

    public MailSettings(@Value("${rusvarsel.mail.host:localhost}") String host,
                        @Value("${rusvarsel.mail.port:587}") int port,
                        @Value("${rusvarsel.mail.tls:starttls}") String tls,
                        @Value("${rusvarsel.mail.username:}") String username,
                        @Value("${rusvarsel.mail.password:}") String password,
                        @Value("${rusvarsel.mail.from:Rusvarsel <rusvarsel@localhost>}") String from,
                        @Value("${rusvarsel.mail.timeout:10s}") Duration timeout) {
        this.host = host;
        this.port = port;
        this.tls = Tls.valueOf(tls.strip().toUpperCase(Locale.ROOT));
        this.username = username == null ? "" : username;
        this.password = password == null ? "" : password;
        this.from = from;
        this.timeout = timeout;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Tls tls() {
        return tls;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String from() {
        return from;
    }

    public Duration timeout() {
        return timeout;
    }
}
