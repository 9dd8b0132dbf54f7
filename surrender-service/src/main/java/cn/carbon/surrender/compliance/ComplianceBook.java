package cn.carbon.surrender.compliance;

import java.time.Instant;

/**
 * Where compliance positions are kept: PostgreSQL in the service ({@link SqlComplianceBook}), memory in the property
 * test. Every change goes through {@link #change}, which also keeps completion (and so certificates) up to date.
 */
public interface ComplianceBook {

    /** Locks (creating if need be) the entity's record for the year; call after any account locks. */
    YearPosition lock(String uscc, int complianceYear);

    /**
     * Replaces the position after a change and records why.
     *
     * @param cause OBLIGATION, CLAW_BACK, BORROWING, SURRENDER, FORCED_SURRENDER, OFFSET, SHORTFALL
     */
    YearPosition change(YearPosition before, YearPosition after, String cause, Instant at);

    /** Whether the province confirmed the entity's late-compliance request for the year. */
    boolean lateSurrenderConfirmed(String uscc, int complianceYear);
}
