package cn.carbon.platform.deadletter;

import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;

/** The arithmetic of a dead-letter topic's offsets, apart from Kafka so that it can be checked on its own. */
final class Backlog {

    private Backlog() {
    }

    /** What the topic keeps: end − beginning summed over its partitions (a partition missing an offset counts 0). */
    static long kept(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        long kept = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            Long start = starts.get(end.getKey());
            if (start != null && end.getValue() > start) {
                kept += end.getValue() - start;
            }
        }
        return kept;
    }

    /**
     * Where to read each partition from to see the latest {@code n} of the whole topic: its last {@code n} (the newest
     * n of the topic lie within the partitions' last n each), never before its beginning.
     */
    static Map<TopicPartition, Long> lastOf(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, int n) {
        Map<TopicPartition, Long> from = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long start = starts.getOrDefault(end.getKey(), 0L);
            from.put(end.getKey(), Math.max(start, end.getValue() - n));
        }
        return from;
    }

    /** The first {@value DeadLetters#PAYLOAD_CHARS} characters of a payload, never more (a surrogate pair kept whole). */
    static String beginning(String payload) {
        if (payload == null || payload.length() <= DeadLetters.PAYLOAD_CHARS) {
            return payload;
        }
        int cut = DeadLetters.PAYLOAD_CHARS;
        if (Character.isHighSurrogate(payload.charAt(cut - 1))) {
            cut--;
        }
        return payload.substring(0, cut);
    }
}
