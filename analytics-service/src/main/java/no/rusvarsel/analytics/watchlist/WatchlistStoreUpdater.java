package no.rusvarsel.analytics.watchlist;

import no.rusvarsel.contracts.catalogue.Substance;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;

/**
 * Keeps the global watchlist store (substance id → entry; null deletes) and refreshes the shared
 * {@link Watchlist} from it after every change, and once at start from what was restored.
 */
public final class WatchlistStoreUpdater implements Processor<String, Substance, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchlistStoreUpdater.class);

    private final String storeName;
    private final Watchlist watchlist;
    private KeyValueStore<String, Substance> store;

    public WatchlistStoreUpdater(String storeName, Watchlist watchlist) {
        this.storeName = storeName;
        this.watchlist = watchlist;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        refresh("restored");
    }

    @Override
    public void process(Record<String, Substance> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        refresh("offset-" + record.timestamp());
    }

    private void refresh(String version) {
        var entries = new ArrayList<Substance>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> entries.add(kv.value));
        }
        if (entries.isEmpty()) {
            return; // nothing restored yet: keep the catalogue the service started with
        }
        try {
            watchlist.replace(entries, version);
        } catch (IllegalArgumentException e) {
            // e.g. two entries claiming the same name: keep the previous watchlist rather than none
            LOG.error("watchlist update rejected, keeping the previous one: {}", e.getMessage());
        }
    }
}
