package no.rusvarsel.alerts.stream;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import no.rusvarsel.alerts.alert.AlertEventRecorded;
import no.rusvarsel.alerts.config.SoonRunner;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.alert.AlertEventRecord;
import no.rusvarsel.alerts.alert.AlertEventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the alert event log in PostgreSQL (written by every instance, in commit order) and multicasts new
 * changes to this instance's SSE clients; clients catch up on what they missed from the log itself.
 */
@Singleton
public class AlertEventFeed {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEventFeed.class);
    private static final int BATCH = 500;

    private final AlertEventRepository events;
    private final Sinks.Many<AlertEventRecord> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicLong position = new AtomicLong(-1);
    private final int replayLimit;
    private final SoonRunner soon = new SoonRunner("alert-stream-wakeup", this::poll);

    public AlertEventFeed(AlertEventRepository events,
                          @Value("${rusvarsel.alerts.stream.replay-limit:10000}") int replayLimit) {
        this.events = events;
        this.replayLimit = replayLimit;
    }

    /** Changes as they are committed from now on (hot). */
    public Flux<AlertEventRecord> live() {
        return sink.asFlux();
    }

    /** Up to the replay limit of changes after {@code after}, oldest first (a reconnecting client's gap). */
    public List<AlertEventRecord> after(long after) {
        var newest = events.lastPosition();
        var from = Math.max(after, newest - replayLimit);
        return events.findAfter(from, replayLimit);
    }

    /** The position of the newest change in the log. */
    public long lastPosition() {
        return events.lastPosition();
    }

    /** A change committed: read it now rather than at the next poll. */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onRecorded(AlertEventRecorded recorded) {
        soon.request();
    }

    // synchronized: the schedule and a commit's wake-up must not read (and emit) the same changes twice
    @Scheduled(fixedDelay = "${rusvarsel.alerts.stream.poll-interval:250ms}")
    synchronized void poll() {
        try {
            if (position.get() < 0) {
                position.set(events.lastPosition());
                return;
            }
            List<AlertEventRecord> batch;
            do {
                batch = events.findAfter(position.get(), BATCH);
                for (var e : batch) {
                    position.set(e.position());
                    // a slow client misses live events here; its stream then resumes from the log (see AlertStream)
                    sink.tryEmitNext(e);
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("alert event log not readable, will retry: {}", e.toString());
        }
    }

    @PreDestroy
    void close() {
        soon.close();
        sink.tryEmitComplete();
    }
}
