package no.rusvarsel.alerts.delivery.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Reads a response body keeping only its first bytes (for the delivery log) and discarding the rest. */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {

    private final int limit;
    private final ByteBuffer kept;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    LimitedBody(int limit) {
        this.limit = limit;
        this.kept = ByteBuffer.allocate(limit);
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (var item : items) {
            if (kept.hasRemaining()) {
                var n = Math.min(kept.remaining(), item.remaining());
                var slice = item.slice();
                slice.limit(n);
                kept.put(slice);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        var text = new String(kept.array(), 0, kept.position(), StandardCharsets.UTF_8);
        result.complete(kept.position() == limit ? text + "…" : text);
    }
}
