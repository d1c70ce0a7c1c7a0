package no.rusvarsel.ingest.signal;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.Problem;
import no.rusvarsel.ingest.provider.ProviderPrincipal;
import no.rusvarsel.ingest.ratelimit.ProviderRateLimiter;
import no.rusvarsel.ingest.validation.CsvSignals;
import no.rusvarsel.ingest.validation.InputFormatException;
import no.rusvarsel.ingest.validation.JsonRecords;

import java.util.UUID;

/** The providers' intake: {@code POST /api/v1/signals/{sourceType}} and reading back one's own signals (DESIGN §4). */
@Tag(name = "Signals")
@Controller("/api/v1/signals")
@Secured(ProviderPrincipal.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignalController {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    static final String PATH_VARIABLE = "sourceTypeOrSignalId";

    private final SignalIntakeService intake;
    private final SignalLedger ledger;
    private final ProviderRateLimiter rateLimiter;
    private final int maxRecords;

    public SignalController(SignalIntakeService intake, SignalLedger ledger, ProviderRateLimiter rateLimiter,
                            @Value("${rusvarsel.ingest.max-records:10000}") int maxRecords) {
        this.intake = intake;
        this.ledger = ledger;
        this.rateLimiter = rateLimiter;
        this.maxRecords = maxRecords;
    }

    @Operation(summary = "Submit signals of one source type",
            description = "One JSON object, a JSON array, NDJSON or CSV (header row; one row per substance result, record fields "
                    + "repeated, rows grouped by externalId), up to 10,000 records. All-or-nothing: any invalid record rejects "
                    + "the request with every error listed. The same content again is DUPLICATE; changed content for the same "
                    + "externalId is CORRECTED, a new version. 202 only after Kafka acknowledged every new version.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {WastewaterResult.class,
                            DrugCheckingResult.class, SeizureReport.class, PatientEvent.class, SyringeResult.class}), examples = {
                            @ExampleObject(name = "wastewater", value = ApiExamples.WASTEWATER),
                            @ExampleObject(name = "drug-checking", value = ApiExamples.DRUG_CHECKING),
                            @ExampleObject(name = "seizure", value = ApiExamples.SEIZURE),
                            @ExampleObject(name = "patient-event", value = ApiExamples.PATIENT_EVENT),
                            @ExampleObject(name = "syringe", value = ApiExamples.SYRINGE)}),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string", description = "one JSON record per line")),
                    @Content(mediaType = CSV, schema = @Schema(type = "string",
                            description = "header row; one row per substance result; see ingest-service/examples/"))}))
    @ApiResponse(responseCode = "202", description = "Every record accepted, a duplicate, or a correction",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionResult.class),
                    examples = @ExampleObject(value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "400", description = "Invalid records (each error with record index and field path) or a malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = ApiExamples.INVALID)))
    @ApiResponse(responseCode = "401", description = "Missing, unknown or revoked API key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "403", description = "Source type or region not allowed for this provider", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "404", description = "Unknown source type", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "413", description = "Body larger than the limit (default 10 MB)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "415", description = "Not application/json, application/x-ndjson or text/csv", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "429", description = "Rate limit reached; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "503", description = "Kafka or the database cannot take the write, or a record has a version whose place in Kafka is still being confirmed; nothing accepted; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    // both routes share one path variable name: OpenAPI forbids paths that differ only in it
    @Post(uri = "/{" + PATH_VARIABLE + "}", consumes = {MediaType.APPLICATION_JSON, NDJSON, CSV}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SubmissionResult> submit(
            @Parameter(description = "the source type: wastewater, drug-checking, seizure, patient-event or syringe",
                    schema = @Schema(allowableValues = {"wastewater", "drug-checking", "seizure", "patient-event", "syringe"}))
            @PathVariable(PATH_VARIABLE) String sourceType, @Body byte[] body, HttpRequest<?> request,
                                                 Authentication authentication) {
        var type = SourceType.fromPath(sourceType)
                .orElseThrow(() -> ApiException.notFound("unknown source type '" + sourceType
                        + "'; one of wastewater, drug-checking, seizure, patient-event, syringe"));
        var provider = ProviderPrincipal.of(authentication);
        if (!provider.maySubmit(type.path())) {
            throw ApiException.forbidden("provider " + provider.providerId() + " may not submit " + type.path() + " signals");
        }
        rateLimiter.acquire(provider.providerId());
        var mediaType = request.getContentType().map(MediaType::getName).orElse(MediaType.APPLICATION_JSON);
        var records = parse(type, mediaType, body);
        return HttpResponse.accepted().body(intake.submit(provider, type, records));
    }

    private java.util.List<io.micronaut.json.tree.JsonNode> parse(SourceType type, String mediaType, byte[] body) {
        try {
            var records = CSV.equals(mediaType)
                    ? CsvSignals.parse(type, body, maxRecords)
                    : JsonRecords.parse(mediaType, body, maxRecords);
            if (records.size() > maxRecords) {
                throw ApiException.malformed("at most " + maxRecords + " records per request; this one has " + records.size());
            }
            return records;
        } catch (InputFormatException e) {
            throw ApiException.malformed(e.getMessage());
        }
    }

    @Operation(summary = "Read back one of the provider's own signals: its latest version, status and content")
    @ApiResponse(responseCode = "200", description = "The stored signal")
    @ApiResponse(responseCode = "401", description = "Missing, unknown or revoked API key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "404", description = "No such signal of this provider", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Get(uri = "/{" + PATH_VARIABLE + "}", produces = MediaType.APPLICATION_JSON)
    public StoredSignal get(@Parameter(description = "the signal id from the 202 response") @PathVariable(PATH_VARIABLE) String signalId,
                            Authentication authentication) {
        var provider = ProviderPrincipal.of(authentication);
        UUID id;
        try {
            id = UUID.fromString(signalId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no signal " + signalId);
        }
        // another provider's signal is reported as missing: its existence is not this provider's business
        return ledger.find(id).filter(e -> e.providerId().equals(provider.providerId()))
                .map(StoredSignal::of)
                .orElseThrow(() -> ApiException.notFound("no signal " + signalId));
    }
}
