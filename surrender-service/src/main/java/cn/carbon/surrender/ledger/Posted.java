package cn.carbon.surrender.ledger;

import java.time.Instant;
import java.util.List;

/** A posted transaction as the ledger keeps it. */
public record Posted(long id, String reference, String fingerprint, TransactionKind kind, String uscc,
                     String counterpartyUscc, Integer complianceYear, Long quantityT, long obligationAddedT,
                     Instant postedAt, List<Movement> movements) {

    public long total() {
        return movements.stream().mapToLong(Movement::quantityT).sum();
    }
}
