package no.rusvarsel.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/** ingest-service: the data providers' REST intake; writes accepted signals to Kafka. */
@OpenAPIDefinition(
        info = @Info(title = "Rusvarsel ingest API", version = "1",
                description = "Data providers (drug-checking and wastewater labs, police and customs, ambulance and emergency "
                        + "departments, the poison centre) submit results here. A request is all-or-nothing; 202 means every "
                        + "record is durably in Kafka. Errors are RFC 9457 problem documents (application/problem+json)."),
        servers = @Server(url = "http://127.0.0.1:8081", description = "dev stack"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Providers: an API key (rv_…). People (ADMIN for provider administration): a JWT.")
public final class IngestApplication {

    private IngestApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestApplication.class, args);
    }
}
