package cn.carbon.surrender.rulebook;

import cn.carbon.platform.rulebook.PublishedRulebooks;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The ledger's part of the rulebooks this service applies: those allocation-service published on carbon.rulebooks.v1
 * ({@link PublishedRulebooks}); the newest version of each governs from the moment it is stored, without a restart.
 */
@ApplicationScoped
public class Rulebooks {

    private final Supplier<List<cn.carbon.contracts.rulebook.Rulebook>> source;
    private final Map<String, Rulebook> views = new ConcurrentHashMap<>();

    @Inject
    public Rulebooks(PublishedRulebooks published) {
        this(published::all);
    }

    private Rulebooks(Supplier<List<cn.carbon.contracts.rulebook.Rulebook>> source) {
        this.source = source;
    }

    /** A fixed set of rulebooks (a pure test of the ledger's rules). */
    public static Rulebooks of(cn.carbon.contracts.rulebook.Rulebook... rulebooks) {
        List<cn.carbon.contracts.rulebook.Rulebook> fixed = List.of(rulebooks);
        return new Rulebooks(() -> fixed);
    }

    public Optional<Rulebook> forYear(int complianceYear) {
        return all().stream().filter(r -> r.covers(complianceYear)).findFirst();
    }

    public Optional<Rulebook> forCycle(String cycle) {
        return all().stream().filter(r -> r.cycle().equals(cycle)).findFirst();
    }

    /**
     * The rulebook of {@code cycle}, or the newest cycle's when none is named; an unknown cycle is a 400 naming the
     * query parameter {@code cycle}, and no rulebook at all a 409 {@code no-rulebook}.
     */
    public Rulebook governing(String cycle) {
        if (cycle == null || cycle.isBlank()) {
            List<Rulebook> all = all();
            if (all.isEmpty()) {
                throw ProblemException.conflict("no-rulebook", "No rulebook", "no rulebook has been received on carbon.rulebooks.v1 yet");
            }
            return all.get(all.size() - 1);
        }
        return forCycle(cycle).orElseThrow(() -> ProblemException.invalid("cycle", "no rulebook for cycle " + cycle));
    }

    public List<Rulebook> all() {
        return source.get().stream().map(this::view).toList();
    }

    /**
     * Every vintage any rulebook in force knows, with whether it exists only as borrowed units: borrowed-only in every
     * rulebook that knows it (2023 is, with the 2021-2022 rulebook alone; once the 2023 rulebook allocates it, 2023 is
     * also issued as free units). Whatever the order the rulebooks arrived in. Which units are restricted is the
     * ledger's own record (each line's and balance's flag), not this.
     */
    public Map<String, Boolean> vintages() {
        Map<String, Boolean> vintages = new TreeMap<>();
        for (Rulebook r : all()) {
            r.vintages().forEach(v -> vintages.merge(v, r.isBorrowedOnly(v), Boolean::logicalAnd));
        }
        return Collections.unmodifiableMap(vintages);
    }

    /** The ledger's view of one published version (cached: a published version never changes). */
    public Rulebook view(cn.carbon.contracts.rulebook.Rulebook rb) {
        return views.computeIfAbsent(rb.id() + "@v" + rb.version(), k -> Rulebook.of(rb));
    }
}
