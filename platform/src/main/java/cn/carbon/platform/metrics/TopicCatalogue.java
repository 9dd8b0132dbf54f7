package cn.carbon.platform.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The contracts' topic catalogue ({@code carbon/topics.json}): who publishes a topic and which services consume it. */
public record TopicCatalogue(List<Topic> topics) {

    /** {@code broadcast}: each replica of a consumer reads every record in a group of its own (no shared group). */
    public record Topic(String name, String producer, List<String> consumers, boolean broadcast) {
    }

    public static TopicCatalogue load() {
        try (InputStream in = TopicCatalogue.class.getClassLoader().getResourceAsStream("carbon/topics.json")) {
            if (in == null) {
                throw new IllegalStateException("carbon/topics.json is not on the class path (contracts module)");
            }
            List<Topic> topics = new ArrayList<>();
            for (JsonNode t : new ObjectMapper().readTree(in).path("topics")) {
                List<String> consumers = new ArrayList<>();
                t.path("consumers").forEach(c -> consumers.add(c.asText()));
                topics.add(new Topic(t.path("name").asText(), t.path("producer").asText(null), List.copyOf(consumers),
                        t.path("broadcast").asBoolean(false)));
            }
            return new TopicCatalogue(List.copyOf(topics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topics {@code service} publishes. */
    public List<Topic> publishedBy(String service) {
        return topics.stream().filter(t -> service.equals(t.producer())).toList();
    }

    /**
     * The topics {@code service} publishes that consumer groups share, the lag of which is work left: a broadcast
     * topic's readers each have a group of their own, so a lag measured under the consumer's name would only grow.
     */
    public List<Topic> lagMeasuredBy(String service) {
        return publishedBy(service).stream().filter(t -> !t.broadcast() && !t.consumers().isEmpty()).toList();
    }

    /** The topics {@code service} consumes. */
    public List<Topic> consumedBy(String service) {
        return topics.stream().filter(t -> t.consumers().contains(service)).toList();
    }
}
