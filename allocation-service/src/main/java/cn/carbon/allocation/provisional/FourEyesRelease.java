package cn.carbon.allocation.provisional;

import java.util.Collection;
import java.util.Set;

/**
 * The approval rule for issuing from provisional values (docs/RULES-2023-2025.md §13): figures computed from a
 * rulebook version's provisional values are issued only once two different registry officers have each confirmed
 * that version. One officer confirming twice counts once.
 */
public final class FourEyesRelease {

    /** Distinct registry officers who must confirm a version. */
    public static final int OFFICERS = 2;

    private FourEyesRelease() {
    }

    /** Whether the confirmations by {@code officers} release issuance. */
    public static boolean released(Collection<String> officers) {
        return Set.copyOf(officers).size() >= OFFICERS;
    }

    /** Why a figure is withheld, naming the provisional values it used and what releases it. */
    public static String withheld(String rulebook, Collection<String> provisionalPaths, Collection<String> officers) {
        return "ISSUANCE_WITHHELD: computed from provisional values of rulebook " + rulebook + " ("
                + String.join("; ", provisionalPaths) + "); " + Set.copyOf(officers).size() + " of " + OFFICERS
                + " registry officers have confirmed the version; a verification run after the second confirmation"
                + " issues it";
    }
}
