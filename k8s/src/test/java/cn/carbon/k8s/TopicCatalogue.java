package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** contracts/src/main/resources/carbon/topics.json: every topic, its producer, its consumers, its retention. */
record TopicCatalogue(List<Topic> topics) {

    /** @param cleanupPolicy {@code delete} unless the catalogue says {@code compact} (latest value per key) */
    record Topic(String name, String producer, List<String> consumers, int retentionDays, String cleanupPolicy) {

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
            topics.add(new Topic(t.path("name").asText(), t.path("producer").asText(), consumers,
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
        topics.stream().filter(t -> t.producer().equals(service)).forEach(t -> names.add(t.name()));
        return names;
    }

    Set<String> deadLetterTopicsOf(String service) {
        Set<String> names = new LinkedHashSet<>();
        topics.stream().filter(t -> t.consumers().contains(service))
                .forEach(t -> names.add(t.deadLetterTopicOf(service)));
        return names;
    }
}
