package no.rusvarsel.contracts.topic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void shouldNameEveryTopicOnceWithAVersionSuffix() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).startsWith("rusvarsel.").endsWith(".v1"))
                .contains("rusvarsel.signals.v1", "rusvarsel.watchlist.v1", "rusvarsel.detections.v1", "rusvarsel.alerts.v1");
    }

    @Test
    void shouldCompactTheWatchlistAndBoundRetentionOfEverythingElse() {
        assertThat(Topics.WATCHLIST.config()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.all()).filteredOn(t -> t != Topics.WATCHLIST)
                .allSatisfy(t -> assertThat(t.config()).containsEntry("cleanup.policy", "delete").containsKey("retention.ms"));
    }

    @Test
    void shouldRequireTwoInSyncReplicasWhenReplicatedThreeTimes() {
        var replicated = Topics.SIGNALS.newTopic((short) 3);
        var single = Topics.SIGNALS.newTopic((short) 1);

        assertThat(replicated.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(replicated.numPartitions()).isEqualTo(6);
        assertThat(single.configs()).doesNotContainKey("min.insync.replicas");
    }
}
