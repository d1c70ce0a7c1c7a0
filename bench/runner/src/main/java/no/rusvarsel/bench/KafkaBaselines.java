package no.rusvarsel.bench;

import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Raw Kafka baselines on the stack's own broker, to topics with the same settings as {@code rusvarsel.signals.v1}. */
final class KafkaBaselines {

    private static final Pattern RATE = Pattern.compile("records sent, ([0-9.]+) records/sec");

    private final String bootstrap;
    private int topics;

    KafkaBaselines(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A new topic with the partitions and topic-level settings of the signals topic, read from the broker. */
    String topicLikeSignals(String prefix) {
        String name = prefix + "." + (++topics);
        try (var admin = admin()) {
            String signals = Topics.SIGNALS.name();
            int partitions = admin.describeTopics(List.of(signals)).allTopicNames().get().get(signals).partitions().size();
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, signals);
            var configs = new HashMap<String, String>();
            for (var entry : admin.describeConfigs(List.of(resource)).all().get().get(resource).entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    configs.put(entry.name(), entry.value());
                }
            }
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a topic like " + Topics.SIGNALS.name() + ": " + e, e);
        }
    }

    Map<String, Object> describeSignalsTopic() {
        try (var admin = admin()) {
            String signals = Topics.SIGNALS.name();
            int partitions = admin.describeTopics(List.of(signals)).allTopicNames().get().get(signals).partitions().size();
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, signals);
            var configs = new java.util.TreeMap<String, Object>();
            for (var entry : admin.describeConfigs(List.of(resource)).all().get().get(resource).entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    configs.put(entry.name(), entry.value());
                }
            }
            return Map.of("partitions", partitions, "configs", configs);
        } catch (Exception e) {
            return Map.of("error", e.toString());
        }
    }

    /** Mean key and value size in bytes of up to {@code max} records of the signals topic (the real envelopes). */
    double[] meanEnvelopeSize(int max) {
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(Topics.SIGNALS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long keys = 0, values = 0, n = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (n < max && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    keys += r.key() == null ? 0 : r.key().length;
                    values += r.value() == null ? 0 : r.value().length;
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalStateException("no records on " + Topics.SIGNALS.name());
            }
            return new double[]{(double) keys / n, (double) values / n, n};
        }
    }

    /**
     * Kafka's own {@code ProducerPerformance} (kafka-tools, as {@code kafka-producer-perf-test.sh} runs it) in a child
     * JVM on this process's classpath: {@code records} records of {@code recordSize} bytes, acks=all, as fast as it can.
     */
    double producerPerformance(String topic, int records, int recordSize, Path workDir) {
        try {
            Path log = Files.createTempFile(workDir, "producer-perf-", ".out");
            var command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                    "--topic", topic, "--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
                    "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all");
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("ProducerPerformance did not finish in 5 minutes");
            }
            var output = Files.readString(log);
            Files.deleteIfExists(log);
            var lines = output.lines().filter(l -> RATE.matcher(l).find()).toList();
            if (process.exitValue() != 0 || lines.isEmpty()) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + "): "
                        + output.substring(Math.max(0, output.length() - 2000)));
            }
            var m = RATE.matcher(lines.get(lines.size() - 1));
            m.find();
            return Double.parseDouble(m.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ProducerPerformance: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Raw produce → consume latency in ms: {@code count} records of {@code recordSize} bytes produced with acks=all at
     * {@code rate} records/s, consumed by a consumer that was waiting at the end of the topic; each value carries
     * its send time.
     */
    List<Double> produceConsumeLatency(String topic, int count, int recordSize, double rate) {
        var latencies = new ArrayList<Double>(count);
        try (var consumer = consumer(); var producer = producer()) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets before producing
            var thread = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long due = start + (long) (i / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    var value = new byte[Math.max(8, recordSize)];
                    ByteBuffer.wrap(value).putLong(System.nanoTime());
                    producer.send(new ProducerRecord<>(topic, ("k" + (i % 64)).getBytes(StandardCharsets.UTF_8), value));
                }
                producer.flush();
            }, "bench-latency-producer");
            thread.start();
            long deadline = System.nanoTime() + (long) (count / rate * 1e9) + TimeUnit.SECONDS.toNanos(30);
            while (latencies.size() < count && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    latencies.add((now - ByteBuffer.wrap(r.value()).getLong()) / 1e6);
                }
            }
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return latencies;
    }

    /** Consumer groups (and Kafka Streams application ids) of the benchmark's own clients: not the stack's. */
    static final String OWN_GROUP_PREFIX = "bench-";

    /**
     * Waits until every consumer group reading the signals topic (the analytics; not the benchmark's own
     * {@value #OWN_GROUP_PREFIX}groups) has committed up to its end, so a later phase does not measure the backlog an
     * earlier one left; the seconds it took, or -1 after the timeout.
     */
    double awaitSignalsConsumed(Duration timeout) {
        long start = System.nanoTime();
        try (var admin = admin(); var consumer = consumer()) {
            var partitions = consumer.partitionsFor(Topics.SIGNALS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            while (System.nanoTime() - start < timeout.toNanos()) {
                var end = consumer.endOffsets(partitions);
                long lag = 0;
                boolean anyGroup = false;
                for (var group : admin.listConsumerGroups().all().get()) {
                    if (group.groupId().startsWith(OWN_GROUP_PREFIX)) {
                        continue;
                    }
                    var offsets = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                    for (var tp : partitions) {
                        if (offsets.containsKey(tp)) {
                            anyGroup = true;
                            lag += end.get(tp) - (offsets.get(tp) == null ? 0 : offsets.get(tp).offset());
                        }
                    }
                }
                if (anyGroup && lag <= 0) {
                    return (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Bench.log("could not read the consumer lag: " + e);
        }
        return -1;
    }

    /** The stack's consumer groups' (not the benchmark's) lag on the signals topic, summed; -1 if unreadable. */
    long analyticsLag() {
        try (var admin = admin(); var consumer = consumer()) {
            var partitions = consumer.partitionsFor(Topics.SIGNALS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            var end = consumer.endOffsets(partitions);
            long lag = 0;
            for (var group : admin.listConsumerGroups().all().get()) {
                if (group.groupId().startsWith(OWN_GROUP_PREFIX)) {
                    continue;
                }
                var offsets = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                for (var tp : partitions) {
                    if (offsets.containsKey(tp)) {
                        lag += end.get(tp) - (offsets.get(tp) == null ? 0 : offsets.get(tp).offset());
                    }
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** The sum of the end offsets of a topic's partitions (records ever written, transaction markers included). */
    long endOffsets(String topic) {
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The sum of a consumer group's committed offsets on a topic (0 for a partition without one). */
    long committed(String group, String topic) {
        try (var admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
        }
    }

    /**
     * Records a read_committed consumer finds on a topic (what a transactional or idempotent writer really delivered,
     * without transaction markers and aborted records), read to the end offsets of now.
     */
    long countCommitted(String topic, Duration timeout) {
        var props = new HashMap<String, Object>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    /** Deletes a finished benchmark client's consumer group and the topics named {@code <prefix>…} (its internal topics). */
    void deleteGroupAndTopics(String group, String topicPrefix) {
        try (var admin = admin()) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
            } catch (Exception ignored) {
                // no group (never committed), or still shutting down: harmless for the phases after
            }
            var topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(topicPrefix)).toList();
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get();
            }
        } catch (Exception e) {
            Bench.log("could not clean up " + group + ": " + e);
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
