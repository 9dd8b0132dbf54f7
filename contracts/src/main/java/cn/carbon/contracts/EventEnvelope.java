package cn.carbon.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope of every topic (DESIGN.md, Events). The record key on Kafka is {@code subject}, the
 * entity's USCC, so that every entity's events stay in order.
 */
public record EventEnvelope(UUID id, String type, String source, Instant time, String subject, String cycle,
                            JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    public static EventEnvelope of(String type, String source, String subject, String cycle, JsonNode data) {
        return new EventEnvelope(UUID.randomUUID(), type, source, Instant.now(), subject, cycle, data);
    }
}
