package cn.carbon.platform.deadletter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead-letter topics of a service as its configuration declares them: every incoming channel with
 * {@code failure-strategy=dead-letter-queue}, its topic and its dead-letter topic (SmallRye's default
 * {@code dead-letter-topic-<channel>} when none is named).
 */
public final class DeadLetterQueues {

    private static final String INCOMING = "mp.messaging.incoming.";

    /** A consumer's channel, the topic it reads and where what it cannot apply is kept. */
    public record Queue(String channel, String source, String topic) {
    }

    private DeadLetterQueues() {
    }

    /** From the service's {@code mp.messaging.incoming.*} properties; ordered by dead-letter topic. */
    public static List<Queue> of(Map<String, String> properties) {
        Map<String, Queue> byChannel = new TreeMap<>();
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String name = p.getKey();
            if (!name.startsWith(INCOMING) || !name.endsWith(".failure-strategy")
                    || !"dead-letter-queue".equals(p.getValue().strip())) {
                continue;
            }
            String channel = name.substring(INCOMING.length(), name.length() - ".failure-strategy".length());
            String source = properties.getOrDefault(INCOMING + channel + ".topic", channel).strip();
            String topic = properties.getOrDefault(INCOMING + channel + ".dead-letter-queue.topic",
                    "dead-letter-topic-" + channel).strip();
            byChannel.put(channel, new Queue(channel, source, topic));
        }
        List<Queue> queues = new ArrayList<>(byChannel.values());
        queues.sort(Comparator.comparing(Queue::topic));
        return List.copyOf(queues);
    }
}
