package no.rusvarsel.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/alerts} of alert-service, every page, with an ANALYST token. */
final class Alerts {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    Alerts(Stack stack) {
        this.url = stack.url("alerts");
        this.token = stack.token("ANALYST");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> all() {
        var all = new ArrayList<Map<String, Object>>();
        for (int page = 0; page < 50; page++) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts?size=100&page=" + page))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET /api/v1/alerts answered " + response.statusCode() + ": "
                            + new String(response.body()));
                }
                var doc = ObjectMapper.getDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
                var items = (List<Map<String, Object>>) doc.get("items");
                all.addAll(items);
                long total = ((Number) doc.get("total")).longValue();
                if (items.isEmpty() || all.size() >= total) {
                    break;
                }
            } catch (IOException e) {
                throw new IllegalStateException("GET /api/v1/alerts: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return all;
    }
}
