package cn.carbon.surrender.ledger;

import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceBook;
import cn.carbon.surrender.compliance.ComplianceStatus;
import cn.carbon.surrender.compliance.YearPosition;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Compliance positions in memory, for the property test; no late-compliance confirmations. */
public class InMemoryComplianceBook implements ComplianceBook {

    private final Set<String> entities = new HashSet<>();
    private final Map<String, YearPosition> positions = new HashMap<>();

    public void open(String uscc) {
        entities.add(uscc);
    }

    @Override
    public YearPosition lock(String uscc, int complianceYear) {
        if (!entities.contains(uscc)) {
            throw ProblemException.notFound("entity " + uscc);
        }
        return positions.getOrDefault(uscc + "/" + complianceYear, YearPosition.empty(uscc, complianceYear));
    }

    @Override
    public YearPosition change(YearPosition before, YearPosition after, String cause, Instant at) {
        YearPosition next = ComplianceStatus.withCompletion(after, at);
        positions.put(after.uscc() + "/" + after.complianceYear(), next);
        return next;
    }

    @Override
    public boolean lateSurrenderConfirmed(String uscc, int complianceYear) {
        return false;
    }

    public YearPosition get(String uscc, int year) {
        return lock(uscc, year);
    }
}
