package cn.carbon.surrender.settlement;

import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.ledger.AccountRef;
import cn.carbon.surrender.ledger.Ledger;
import cn.carbon.surrender.ledger.Movement;
import cn.carbon.surrender.ledger.NewTransaction;
import cn.carbon.surrender.ledger.Problems;
import cn.carbon.surrender.ledger.TransactionKind;
import cn.carbon.surrender.rulebook.Rulebooks;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Trades the exchange settled, moved seller → buyer once per {@code tradeId}. Never restricted by province or group
 * (notice §五(一)); free units only: borrowed (restricted) units never move (RULES.md §4.8), and a vintage that exists
 * only as borrowed units is refused outright.
 */
public class Settlements {

    private static final Pattern TRADE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final Ledger ledger;
    private final Rulebooks rulebooks;
    private final Clock clock;

    public Settlements(Ledger ledger, Rulebooks rulebooks, Clock clock) {
        this.ledger = ledger;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    public record Trade(String tradeId, String sellerUscc, String buyerUscc, String vintage, long quantityT) {
    }

    public Ledger.Result settle(Trade trade, String by) {
        if (trade.tradeId() == null || !TRADE_ID.matcher(trade.tradeId()).matches()) {
            throw ProblemException.invalid("tradeId", "1 to 100 characters of A-Z a-z 0-9 . _ : -");
        }
        if (trade.sellerUscc() == null || trade.sellerUscc().isBlank()) {
            throw ProblemException.invalid("sellerUscc", "is required");
        }
        if (trade.buyerUscc() == null || trade.buyerUscc().isBlank()) {
            throw ProblemException.invalid("buyerUscc", "is required");
        }
        if (trade.sellerUscc().equals(trade.buyerUscc())) {
            throw ProblemException.invalid("buyerUscc", "must differ from sellerUscc");
        }
        if (trade.quantityT() <= 0) {
            throw ProblemException.invalid("quantityT", "must be a positive whole number of tonnes");
        }
        Boolean onlyBorrowed = rulebooks.vintages().get(trade.vintage());
        if (onlyBorrowed == null) {
            throw Problems.unknownVintage("vintage", trade.vintage());
        }
        if (onlyBorrowed) {
            throw Problems.unprocessable("restricted-units", "Restricted units never move", "vintage",
                    trade.vintage() + " exists only as borrowed units, usable only by their borrower");
        }
        AccountRef seller = AccountRef.holding(trade.sellerUscc());
        AccountRef buyer = AccountRef.holding(trade.buyerUscc());
        if (!ledger.store().exists(seller)) {
            throw Problems.unprocessable("unknown-account", "Unknown account", "sellerUscc", "no account for " + trade.sellerUscc());
        }
        if (!ledger.store().exists(buyer)) {
            throw Problems.unprocessable("unknown-account", "Unknown account", "buyerUscc", "no account for " + trade.buyerUscc());
        }
        String reference = "trade:" + trade.tradeId();
        String fingerprint = String.join("|", "SETTLEMENT", trade.sellerUscc(), trade.buyerUscc(), trade.vintage(),
                String.valueOf(trade.quantityT()));
        // the ledger refuses a seller who does not hold the quantity in free units (insufficient-holdings, or
        // restricted-units when only its borrowed units would make it up; field quantityT)
        return ledger.post(List.of(seller, buyer), reference, fingerprint, () -> new NewTransaction(reference, fingerprint,
                TransactionKind.SETTLEMENT, trade.sellerUscc(), trade.buyerUscc(), null, null, 0, null, null,
                clock.instant(), by, List.of(new Movement(seller, buyer, trade.vintage(), trade.quantityT()))));
    }
}
