package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A versioned rulebook of one cycle: every number, date and setting of the allocation and surrender rules, as
 * data (RULES.md §3, §16; DESIGN.md "Rulebook"). Built only by {@link RulebookLoader}, which validates it.
 *
 * @param outputBasis what the electricity benchmarks multiply: net supply (2021-2022) or gross generation (2023+)
 * @param borrowing borrowing (预支); null where it is abolished (see {@link #borrowingRule()})
 * @param preAllocation pre-allocation (预分配); null where a year is allocated in one step
 * @param penalties the fine's range; null when the rulebook has none (an older version)
 * @param complianceNoticeSender who sends the 履约通知书; null when the rulebook has none (an older version)
 * @param netPurchaseReporting the weekly net-purchase feed and reports (risk-service)
 * @param carryOver the carry-over cap; null where holdings carry over without one (2021-2022)
 * @param values every {@link RuleValue} of the rulebook, in file order (see {@link #unconfirmedValues()})
 */
public record Rulebook(
        String id,
        String cycle,
        int version,
        String sector,
        String title,
        String basis,
        ZoneId timeZone,
        List<Integer> complianceYears,
        RuleValue<OutputBasis> outputBasis,
        Map<String, RuleValue<UnitCategory>> categories,
        RuleValue<BigDecimal> categorySizeBoundaryMw,
        Map<Integer, Map<String, CategoryBenchmarks>> benchmarks,
        RuleValue<Map<Integer, Map<String, BigDecimal>>> balanceValues,
        Corrections corrections,
        PreAllocationRule preAllocation,
        DifferentiatedIssuanceRule differentiatedIssuance,
        FloorRule allocationFloor,
        BorrowingRule borrowing,
        CcerOffsetRule ccerOffset,
        VintageRule vintages,
        Map<String, Deadline> deadlines,
        RuleValue<List<ComplianceTarget>> complianceTargets,
        RoundingRules rounding,
        Settings settings,
        PenaltyRule penalties,
        RuleValue<NoticeSenders> complianceNoticeSender,
        NetPurchaseReporting netPurchaseReporting,
        CarryOverRule carryOver,
        List<RuleValue<?>> values) {

    /** What every computed figure records. */
    public RulebookRef ref() {
        return new RulebookRef(id, version);
    }

    /** Borrowing (预支), where the rulebook has it (none from 2023). */
    public Optional<BorrowingRule> borrowingRule() {
        return Optional.ofNullable(borrowing);
    }

    /** Pre-allocation (预分配), where the rulebook has it (none where a year is allocated in one step at 核定). */
    public Optional<PreAllocationRule> preAllocationRule() {
        return Optional.ofNullable(preAllocation);
    }

    /** The values the sources leave open, shipped {@code provisional}: what a figure used must say it used. */
    public List<RuleValue<?>> provisionalValues() {
        return values.stream().filter(RuleValue::provisional).toList();
    }

    /** The values RULES.md tags [R] or leaves open: to be checked against the official texts. */
    public List<RuleValue<?>> unconfirmedValues() {
        return values.stream().filter(v -> !v.confirmed()).toList();
    }

    /** The value at {@code path} (e.g. {@code benchmarks.2021.GAS.supply}), if any. */
    public Optional<RuleValue<?>> value(String path) {
        return values.stream().filter(v -> v.path().equals(path)).findFirst();
    }

    public boolean isComplianceYear(int year) {
        return complianceYears.contains(year);
    }

    /** The category with this code, if the rulebook declares it. */
    public Optional<UnitCategory> category(String code) {
        RuleValue<UnitCategory> c = code == null ? null : categories.get(code);
        return c == null ? Optional.empty() : Optional.of(c.value());
    }

    /** Benchmarks of {@code category} for compliance year {@code year}. */
    public CategoryBenchmarks benchmarks(int year, String category) {
        Map<String, CategoryBenchmarks> ofYear = benchmarks.get(year);
        if (ofYear == null) {
            throw new IllegalArgumentException(
                    "rulebook " + ref() + " has no benchmarks for year " + year + "; years: " + complianceYears);
        }
        CategoryBenchmarks b = ofYear.get(category);
        if (b == null) {
            throw new IllegalArgumentException(
                    "rulebook " + ref() + " has no category '" + category + "'; categories: " + categories.keySet());
        }
        return b;
    }

    /** The deadline with this key; the loader guarantees every key the rulebook refers to exists. */
    public Deadline deadline(String key) {
        Deadline d = deadlines.get(key);
        if (d == null) {
            throw new IllegalArgumentException("rulebook " + ref() + " has no deadline '" + key + "'");
        }
        return d;
    }

    /** The deadline that binds {@code action} (its {@code appliesTo} names it), if any. */
    public Optional<Deadline> deadlineOf(StageAction action) {
        return deadlines.values().stream().filter(d -> d.appliesTo().contains(action)).findFirst();
    }

    /** Vintage of the allowances allocated for {@code complianceYear}. */
    public String allocationVintage(int complianceYear) {
        String v = vintages.allocation().value().get(complianceYear);
        if (v == null) {
            throw new IllegalArgumentException("rulebook " + ref() + ": " + complianceYear + " is not a compliance year");
        }
        return v;
    }

    /**
     * Whether allowances of {@code vintage} may serve the obligation of {@code complianceYear}: the year's eligible
     * vintages, or a borrowed-only vintage when these allowances were borrowed by this entity for this year.
     */
    public boolean isVintageEligible(int complianceYear, String vintage, boolean borrowedByEntityForThisYear) {
        RuleValue<List<String>> eligible = vintages.eligible().get(complianceYear);
        if (eligible == null) {
            return false;
        }
        if (eligible.value().contains(vintage)) {
            return true;
        }
        return borrowedByEntityForThisYear && vintages.borrowedOnly().value().contains(vintage);
    }
}
