package cn.carbon.offset.applications;

import cn.carbon.offset.cap.Headroom;
import cn.carbon.offset.cap.Obligation;
import cn.carbon.offset.cap.RemainingObligation;
import cn.carbon.offset.compliance.CompliancePosition;
import cn.carbon.offset.compliance.CompliancePositions;
import cn.carbon.platform.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offsets never exceed what is owed: at application, review and confirmation the quantity must fit the year's
 * obligation less what the registry reports surrendered and less the offsets confirmed or pending here. Runs under the
 * entity-year lock, after the cap check; the cap stays as it is.
 */
@ApplicationScoped
public class ObligationCheck {

    private final CompliancePositions positions;

    public ObligationCheck(CompliancePositions positions) {
        this.positions = positions;
    }

    /**
     * The figures of the entity-year, with {@code ownPendingT} (the application being re-checked, already pending)
     * taken out of pending.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RemainingObligation figures(Obligation obligation, Headroom headroom, long ownPendingT) {
        CompliancePosition registry = positions.of(obligation.key.uscc(), obligation.key.complianceYear(),
                obligation.cycle).orElse(null);
        return new RemainingObligation(obligation.capBaseT(), registry == null ? 0 : registry.surrenderedT(),
                headroom.usedT(), registry == null ? 0 : registry.offsetT(), headroom.pendingT()).without(ownPendingT);
    }

    /** Refuses {@code requestedT} if it is more than what remains owed, naming every figure. */
    public static void require(RemainingObligation r, long requestedT, int year) {
        if (r.admits(requestedT)) {
            return;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("complianceYear", year);
        figures.put("requestedT", requestedT);
        figures.put("remainingObligationT", r.remainingT());
        figures.put("obligationT", r.obligationT());
        figures.put("surrenderedT", r.surrenderedT());
        figures.put("offsetsConfirmedT", r.confirmedT());
        figures.put("offsetsCreditedT", r.creditedT());
        figures.put("offsetsPendingT", r.pendingT());
        String detail = "offset of " + requestedT + " t for " + year + " is more than the " + r.remainingT()
                + " t still owed: obligation " + r.obligationT() + " t, surrendered " + r.surrenderedT()
                + " t, offsets already confirmed " + r.offsetsCountedT() + " t (credited in the ledger "
                + r.creditedT() + " t), pending " + r.pendingT() + " t; offsets never exceed what is owed";
        throw new ObligationExceeded(detail, List.of(Problem.FieldError.field("quantityT",
                requestedT + " t asked, " + r.remainingT() + " t of the " + year + " obligation remain")), figures);
    }
}
