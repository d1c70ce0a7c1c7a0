package no.rusvarsel.alerts.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task soon on a thread of its own, once however often it is asked before it starts: a poller woken by
 * commits (many at a time under load) polls once for all of them, and never on the committing thread.
 */
public final class SoonRunner implements AutoCloseable {

    private final Runnable task;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    public SoonRunner(String name, Runnable task) {
        this.task = task;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void request() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(() -> {
                queued.set(false);
                task.run();
            });
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
