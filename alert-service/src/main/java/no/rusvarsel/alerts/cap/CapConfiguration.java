package no.rusvarsel.alerts.cap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.ZoneId;

/** Builds the {@link CapSettings} from the {@code rusvarsel.cap.*} properties (env-backed in application.yml). */
@Factory
public class CapConfiguration {

    @Singleton
    CapSettings capSettings(@Value("${rusvarsel.cap.sender}") String sender,
                            @Value("${rusvarsel.cap.sender-name}") String senderName,
                            @Value("${rusvarsel.cap.scope}") String scope,
                            @Nullable @Value("${rusvarsel.cap.restriction:}") String restriction,
                            @Value("${rusvarsel.cap.language}") String language,
                            @Value("${rusvarsel.cap.time-zone}") String zone,
                            @Value("${rusvarsel.cap.dashboard-url}") String dashboardUrl,
                            @Value("${rusvarsel.cap.public-url}") String publicUrl,
                            @Value("${rusvarsel.cap.feed-limit}") int feedLimit) {
        return new CapSettings(sender, senderName, CapSettings.Scope.parse(scope), restriction, language,
                ZoneId.of(zone.strip()), dashboardUrl, publicUrl, feedLimit);
    }
}
