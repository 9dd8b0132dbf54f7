package cn.carbon.surrender.rulebook;

import cn.carbon.surrender.ledger.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * The cycle a compliance read means when it names none: the newest cycle that has obligations here, else the newest
 * rulebook received. A rulebook published ahead of its year (2024 while 2021-2022 is being surrendered) does not
 * become the default before any entity owes anything under it.
 */
@ApplicationScoped
public class CycleInForce {

    private final Rulebooks rulebooks;
    private final Jdbc jdbc;

    public CycleInForce(Rulebooks rulebooks, Jdbc jdbc) {
        this.rulebooks = rulebooks;
        this.jdbc = jdbc;
    }

    /** The rulebook whose cycle covers a compliance year, if one was received. */
    public java.util.Optional<Rulebook> forYear(int complianceYear) {
        return rulebooks.forYear(complianceYear);
    }

    public Rulebook governing(String cycle) {
        if (cycle != null && !cycle.isBlank()) {
            return rulebooks.governing(cycle);
        }
        Set<String> owed = Set.copyOf(jdbc.list("select distinct cycle from compliance_record", rs -> rs.getString(1)));
        List<Rulebook> all = rulebooks.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (owed.contains(all.get(i).cycle())) {
                return all.get(i);
            }
        }
        return rulebooks.governing(null);
    }
}
