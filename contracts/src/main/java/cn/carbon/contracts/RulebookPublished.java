package cn.carbon.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * {@code carbon.rulebooks.v1} (compacted, key = {@link #key(String, int)}): a version of a rulebook that
 * allocation-service accepted, published once for each compliance year it governs. Every other service applies what
 * it receives (validated again by {@code cn.carbon.contracts.rulebook.RulebookLoader}) and records the id and version
 * behind each figure it computes; none keeps a copy of its own.
 *
 * @param document the whole rulebook as stored, version included
 */
public record RulebookPublished(String rulebookId, String cycle, int version, String sector, int complianceYear,
                                JsonNode document, String publishedBy, Instant publishedAt) {

    public static final String TYPE = "RulebookPublished";

    /** The record key: one live version per rulebook and compliance year on the compacted topic. */
    public static String key(String rulebookId, int complianceYear) {
        return rulebookId + "/" + complianceYear;
    }
}
