package no.rusvarsel.alerts;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/** alert-service: turns detections into alerts and delivers them to analysts. */
@OpenAPIDefinition(
        info = @Info(title = "Rusvarsel alerts API", version = "1",
                description = "Alert episodes built from the analytics' detections: list, read with evidence and audit, "
                        + "acknowledge / resolve / dismiss (OPERATOR), follow live over Server-Sent Events, fetch as CAP 1.2 "
                        + "or an Atom feed; subscriptions delivered by signed webhooks (Standard Webhooks) or e-mail. "
                        + "Errors are RFC 9457 problem documents (application/problem+json)."),
        servers = @Server(url = "http://127.0.0.1:8083", description = "dev stack"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A person's JWT with the roles claim (ANALYST, OPERATOR, ADMIN).")
public final class AlertApplication {

    private AlertApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(AlertApplication.class, args);
    }
}
