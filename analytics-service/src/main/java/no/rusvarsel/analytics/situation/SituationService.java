package no.rusvarsel.analytics.situation;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import no.rusvarsel.support.problem.ApiException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers situation queries from the Kafka Streams state stores of every instance: each county's counts live on the
 * partition its signals go to, so each county is read from the instance Kafka Streams names as that partition's active
 * host — this one from its local store, the others over HTTP — and the parts are joined (no county is on two).
 */
@Singleton
public class SituationService {

    private static final Logger LOG = LoggerFactory.getLogger(SituationService.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final KafkaStreams streams;
    private final StreamsHost host;
    private final InstanceClient instances;

    public SituationService(KafkaStreams streams, StreamsHost host, InstanceClient instances) {
        this.streams = streams;
        this.host = host;
        this.instances = instances;
        if (host.self().isEmpty()) {
            LOG.warn("no application server known (random HTTP port, no RUSVARSEL_STREAMS_APPLICATION_SERVER): "
                    + "the situation API answers from this instance's state stores only");
        }
    }

    /** The counties' cells from whichever instances hold them, as the caller may see them. */
    public List<SituationCount> counts(List<String> counties, @Nullable String municipality, LocalDate from, LocalDate to,
                                       boolean seesSmallCounts, String authorization) {
        if (host.self().isEmpty()) {
            return local(counties, municipality, from, to, seesSmallCounts);
        }
        var byHost = new LinkedHashMap<HostInfo, List<String>>();
        for (var county : counties) {
            byHost.computeIfAbsent(metadata(county).activeHost(), h -> new ArrayList<>()).add(county);
        }
        var parts = new ArrayList<CompletableFuture<List<SituationCount>>>();
        byHost.forEach((owner, theirs) -> parts.add(owner.equals(host.self().get())
                ? CompletableFuture.completedFuture(local(theirs, municipality, from, to, seesSmallCounts))
                : instances.counts(owner, theirs, municipality, from, to, authorization)));
        var out = new ArrayList<SituationCount>();
        try {
            parts.forEach(p -> out.addAll(p.join()));
        } catch (CompletionException e) {
            LOG.warn("situation query incomplete: {}", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            throw unavailable("another analytics instance did not answer for its counties; try again shortly");
        }
        out.sort(SituationCount.ORDER);
        return out;
    }

    /** The counties' cells from this instance's stores; refused if Kafka Streams has given a county to another instance. */
    public List<SituationCount> local(List<String> counties, @Nullable String municipality, LocalDate from, LocalDate to,
                                      boolean seesSmallCounts) {
        var out = new ArrayList<SituationCount>();
        try {
            for (var county : counties) {
                var params = StoreQueryParameters.fromNameAndType(SituationProcessor.COUNTS_STORE,
                        QueryableStoreTypes.<String, Long>keyValueStore());
                if (host.self().isPresent()) {
                    var meta = metadata(county);
                    if (!meta.activeHost().equals(host.self().get())) {
                        throw unavailable("county " + county + " has moved to another instance; try again shortly");
                    }
                    params = params.withPartition(meta.partition());
                }
                ReadOnlyKeyValueStore<String, Long> store = streams.store(params);
                LocalSituation.query(store, county, municipality, from, to)
                        .forEach(cell -> out.add(SituationCount.of(cell, seesSmallCounts)));
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable("the situation store is not ready (" + e.getMessage() + "); try again shortly");
        }
        out.sort(SituationCount.ORDER);
        return out;
    }

    private KeyQueryMetadata metadata(String county) {
        var meta = streams.queryMetadataForKey(SituationProcessor.COUNTS_STORE, county, Serdes.String().serializer());
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta) || meta.activeHost() == null
                || HostInfo.unavailable().equals(meta.activeHost())) {
            throw unavailable("the analytics instances are rebalancing; try again shortly");
        }
        return meta;
    }

    private static ApiException unavailable(String detail) {
        return ApiException.unavailable(detail, RETRY_AFTER);
    }
}
