package cn.carbon.contracts;

import java.util.List;

/** Topic names; {@code carbon/topics.json} is the catalogue these must match (TopicsTest). */
public final class Topics {
    public static final String ENTITIES = "carbon.entities.v1";
    public static final String ALLOCATIONS = "carbon.allocations.v1";
    public static final String OBLIGATIONS = "carbon.obligations.v1";
    public static final String BORROWING = "carbon.borrowing.v1";
    public static final String LEDGER = "carbon.ledger.v1";
    public static final String COMPLIANCE = "carbon.compliance.v1";
    public static final String OFFSETS = "carbon.offsets.v1";
    public static final String RISK_ALERTS = "carbon.risk-alerts.v1";
    public static final String NET_PURCHASE_REPORTS = "carbon.net-purchase-reports.v1";
    public static final String EXCHANGE_NET_PURCHASES = "carbon.exchange.net-purchases.v1";
    /** Compacted: the latest carry-over statement per entity (key = USCC). */
    public static final String CARRY_OVER = "carbon.carry-over.v1";
    /** Compacted: each accepted rulebook version per compliance year (key = rulebook id / year). */
    public static final String RULEBOOKS = "carbon.rulebooks.v1";
    /** Compacted: the head of each service's audit chain (key = the service), published by every service. */
    public static final String AUDIT_ANCHORS = "carbon.audit-anchors.v1";

    public static final List<String> ALL = List.of(ENTITIES, ALLOCATIONS, OBLIGATIONS, BORROWING, LEDGER, COMPLIANCE,
            OFFSETS, RISK_ALERTS, NET_PURCHASE_REPORTS, EXCHANGE_NET_PURCHASES, CARRY_OVER,
            RULEBOOKS, AUDIT_ANCHORS);

    /** A consumer's dead-letter topic: one per topic and consuming service. */
    public static String deadLetter(String topic, String consumerService) {
        return topic + "." + consumerService + ".dlq";
    }

    private Topics() {
    }
}
