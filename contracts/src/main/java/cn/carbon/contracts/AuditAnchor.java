package cn.carbon.contracts;

import java.time.Instant;

/**
 * {@code carbon.audit-anchors.v1} (compacted, key = the publishing service): the head of a service's audit chain,
 * published at intervals through its outbox, so that a copy lives outside the service's database. Verification
 * compares the table with the newest anchor read back from the topic: a chain shorter than the anchor, or another
 * hash at the anchored sequence, was rewritten or cut after the anchor.
 *
 * @param lastSeq  the sequence of the newest entry when anchored (0: an empty chain)
 * @param lastHash that entry's HMAC-SHA256 (64 hex digits; the genesis value of zeros for an empty chain)
 */
public record AuditAnchor(String service, long lastSeq, String lastHash, Instant anchoredAt) {

    public static final String ANCHORED = "AuditChainAnchored";
}
