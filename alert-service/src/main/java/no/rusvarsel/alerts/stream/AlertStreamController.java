package no.rusvarsel.alerts.stream;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import no.rusvarsel.alerts.alert.AlertEventRecord;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/alerts/stream}: every alert change as a Server-Sent Event whose id is its position in the
 * alert event log; a client reconnecting with {@code Last-Event-ID} first receives exactly the changes it missed.
 * A client too slow to keep up is disconnected and resumes the same way.
 */
@Controller("/api/v1/alerts/stream")
public class AlertStreamController {

    private static final int CLIENT_BUFFER = 1024;

    private final AlertEventFeed feed;
    private final Duration heartbeat;

    public AlertStreamController(AlertEventFeed feed,
                                 @Value("${rusvarsel.alerts.stream.heartbeat:15s}") Duration heartbeat) {
        this.feed = feed;
        this.heartbeat = heartbeat;
    }

    @Operation(summary = "Every alert change as Server-Sent Events; Last-Event-ID resumes with exactly what was missed")
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @Secured({"ANALYST", "OPERATOR", "ADMIN"})
    public Flux<Event<Object>> stream(@Nullable @Header("Last-Event-ID") String lastEventIdHeader,
                                      @Nullable @QueryValue String lastEventId) {
        var resumeFrom = position(lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
        return Flux.defer(() -> {
            // subscribe to live changes before reading the log, so nothing falls between the two
            var client = Sinks.many().unicast().<AlertEventRecord>onBackpressureBuffer(Queues.<AlertEventRecord>get(CLIENT_BUFFER).get());
            var live = feed.live().subscribe(e -> {
                if (client.tryEmitNext(e).isFailure()) {
                    client.tryEmitError(new IllegalStateException("SSE client too slow; it resumes with Last-Event-ID"));
                }
            });
            return Mono.fromCallable(() -> resumeFrom == null ? new Start(feed.lastPosition(), List.of())
                            : new Start(resumeFrom, feed.after(resumeFrom)))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMapMany(start -> {
                        var sent = new AtomicLong(start.after());
                        return Flux.concat(Flux.fromIterable(start.missed()), client.asFlux())
                                .filter(e -> e.position() > sent.get())
                                .doOnNext(e -> sent.set(e.position()))
                                .map(AlertStreamController::event);
                    })
                    .mergeWith(Flux.interval(heartbeat).map(i -> Event.<Object>of("{}").name("heartbeat")))
                    .doFinally(signal -> live.dispose());
        });
    }

    private static Event<Object> event(AlertEventRecord e) {
        return Event.<Object>of(e.event()).id(String.valueOf(e.position()));
    }

    private static Long position(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            var value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("Last-Event-ID must be an event id from this stream",
                List.of(new FieldError(0, "Last-Event-ID", "must be a non-negative integer")));
    }

    private record Start(long after, List<AlertEventRecord> missed) {
    }
}
