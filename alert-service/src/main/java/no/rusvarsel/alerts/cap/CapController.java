package no.rusvarsel.alerts.cap;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/**
 * CAP 1.2 documents of alerts ({@code application/cap+xml}, or {@code application/xml} for a client that accepts
 * only that) and the Atom feed of active alerts linking them (DESIGN §6); every signed-in role reads them.
 */
@Controller("/api/v1/alerts")
@Secured({"ANALYST", "OPERATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class CapController {

    private static final MediaType CAP = MediaType.of(CapMediaTypes.CAP + ";charset=utf-8");
    private static final MediaType XML = MediaType.of(CapMediaTypes.XML + ";charset=utf-8");
    private static final MediaType ATOM = MediaType.of(CapMediaTypes.ATOM + ";charset=utf-8");

    private final CapService service;

    public CapController(CapService service) {
        this.service = service;
    }

    @Operation(summary = "Atom feed of the active alerts, each linking its CAP document")
    @Get(value = "/feed.atom", produces = CapMediaTypes.ATOM)
    public HttpResponse<byte[]> feed() {
        return HttpResponse.ok(service.feed()).contentType(ATOM);
    }

    @Operation(summary = "The alert's current CAP 1.2 message (Alert, Update or Cancel, with references)")
    @Get(value = "/{alertId}/cap", produces = {CapMediaTypes.CAP, CapMediaTypes.XML})
    public HttpResponse<byte[]> cap(String alertId, HttpRequest<?> request) {
        return HttpResponse.ok(service.cap(alertId)).contentType(onlyPlainXml(request) ? XML : CAP);
    }

    /** True when the client accepts application/xml but not application/cap+xml (nor anything). */
    private static boolean onlyPlainXml(HttpRequest<?> request) {
        var accepted = request.getHeaders().accept();
        boolean xml = accepted.stream().anyMatch(m -> m.getName().equals(CapMediaTypes.XML));
        boolean cap = accepted.stream().anyMatch(m -> m.getName().equals(CapMediaTypes.CAP) || m.getName().equals("*/*")
                || m.getName().equals("application/*"));
        return xml && !cap;
    }
}
