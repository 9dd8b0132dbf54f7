package cn.carbon.surrender.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A transaction to post.
 *
 * @param reference        the business key that makes it take effect once
 * @param fingerprint      what the command said, to refuse a reused reference with other content
 * @param quantityT        the requested quantity where the lines differ from it (claw-back) or are absent (offset)
 * @param obligationAddedT the part of a claw-back added to the year's obligation
 */
public record NewTransaction(String reference, String fingerprint, TransactionKind kind, String uscc,
                             String counterpartyUscc, Integer complianceYear, Long quantityT, long obligationAddedT,
                             String rulebookId, Integer rulebookVersion, Instant postedAt, String postedBy,
                             List<Movement> movements) {

    public NewTransaction {
        movements = List.copyOf(movements);
    }
}
