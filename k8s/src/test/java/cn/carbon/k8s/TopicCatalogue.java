package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** contracts/src/main/resources/carbon/topics.json: every topic, its producers, its consumers, its retention. */
record TopicCatalogue(List<Topic> topics) {

    /** @param cleanupPolicy {@code delete} unless the catalogue says {@code compact} (latest value per key) */
    /**
     * @param producers         the one {@code producer}, or the {@code producers} of a topic every service writes
     * @param producersReadBack each producer reads its own records back, by partition and without a group (the audit
     *                          anchors, read by verification)
     */
    record Topic(String name, List<String> producers, List<String> consumers, boolean producersReadBack, int retentionDays,
                 String cleanupPolicy) {

        /** A consumer's dead-letter topic: {@code <topic>.<consumer-service>.dlq}. */
        String deadLetterTopicOf(String consumer) {
            return name + "." + consumer + ".dlq";
        }
    }

    static TopicCatalogue load() {
        List<Topic> topics = new ArrayList<>();
        for (JsonNode t : Manifests.readJson(Manifests.topicsCatalogue()).path("topics")) {
            List<String> consumers = new ArrayList<>();
            t.path("consumers").forEach(c -> consumers.add(c.asText()));
            List<String> producers = new ArrayList<>();
            t.path("producers").forEach(p -> producers.add(p.asText()));
            if (t.has("producer")) {
                producers.add(t.path("producer").asText());
            }
            topics.add(new Topic(t.path("name").asText(), producers, consumers, t.path("producersReadBack").asBoolean(),
                    t.path("retentionDays").asInt(), t.path("cleanupPolicy").asText("delete")));
        }
        if (topics.isEmpty()) {
            throw new AssertionError("no topics in " + Manifests.topicsCatalogue());
        }
        return new TopicCatalogue(topics);
    }

    Set<String> eventTopics() {
        Set<String> names = new LinkedHashSet<>();
        topics.forEach(t -> names.add(t.name()));
        return names;
    }

    Set<String> deadLetterTopics() {
        Set<String> names = new LinkedHashSet<>();
        topics.forEach(t -> t.consumers().forEach(c -> names.add(t.deadLetterTopicOf(c))));
        return names;
    }

    Set<String> consumedBy(String service) {
        Set<String> names = new LinkedHashSet<>();
        topics.stream().filter(t -> t.consumers().contains(service)).forEach(t -> names.add(t.name()));
        return names;
    }

    Set<String> producedBy(String service) {
        Set<String> names = new LinkedHashSet<>();
        topics.stream().filter(t -> t.producers().contains(service)).forEach(t -> names.add(t.name()));
        return names;
    }

    Set<String> readBackBy(String service) {
        Set<String> names = new LinkedHashSet<>();
        topics.stream().filter(t -> t.producersReadBack() && t.producers().contains(service)).forEach(t -> names.add(t.name()));
        return names;
    }

    Set<String> deadLetterTopicsOf(String service) {
        Set<String> names = new LinkedHashSet<>();
        topics.stream().filter(t -> t.consumers().contains(service))
                .forEach(t -> names.add(t.deadLetterTopicOf(service)));
        return names;
    }
}
