package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.CategoryBenchmarks;
import cn.carbon.contracts.rulebook.IntensityParameters;
import cn.carbon.contracts.rulebook.OutputBasis;
import cn.carbon.contracts.rulebook.RuleValue;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.UnitCategory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unit formula (RULES.md §4.2, §10; RULES-2023-2025.md §3.2): {@code A = Qe × Be × Fl × Fr × Ff + Qh × Bh},
 * Qe on the rulebook's {@code outputBasis} (net supply, or gross generation from 2023), with the benchmarks of the
 * unit's category for the given year and the corrections of {@link CorrectionFactors} (an absent one is 1); full
 * precision, then rounded once to a whole tonne with the rulebook's {@code rounding.unitAllowance}.
 */
public final class UnitAllowanceCalculator {

    private UnitAllowanceCalculator() {
    }

    /**
     * @param benchmarkYear the year whose benchmarks apply (a compliance year of the rulebook); the data may be of
     *                      another year (pre-allocation uses base-year data with each year's benchmarks)
     */
    public static UnitAllowance compute(Rulebook rb, int benchmarkYear, UnitYearData data) {
        UnitCategory category = validate(rb, data);
        if (!rb.isComplianceYear(benchmarkYear)) {
            throw new IllegalArgumentException(
                    benchmarkYear + " is not a compliance year of " + rb.ref() + " " + rb.complianceYears());
        }
        if (category.byIntensity()) {
            return intensity(rb, benchmarkYear, data, category);
        }
        if (!category.byBenchmark()) {
            return verifiedEmissions(rb, benchmarkYear, data, category);
        }
        CategoryBenchmarks b = rb.benchmarks(benchmarkYear, category.code());
        AppliedFactor fl = CorrectionFactors.cooling(rb, category, data.cooling());
        AppliedFactor fr = CorrectionFactors.heatSupply(rb, category, data.heatRatio());
        AppliedFactor ff = CorrectionFactors.load(rb, category, data);

        OutputBasis basis = rb.outputBasis().value();
        BigDecimal supplyPart = data.electricityMwh(basis).multiply(b.electricity().value())
                .multiply(fl.value()).multiply(fr.value()).multiply(ff.value());
        BigDecimal heatPart = data.heatSupplyGj().multiply(b.heat().value());
        BigDecimal unrounded = supplyPart.add(heatPart);
        RoundingMode mode = rb.rounding().unitAllowance().value();
        long allowanceT = unrounded.setScale(0, mode).longValueExact();
        List<String> provisional = Stream.of(b.electricity(), b.heat()).filter(RuleValue::provisional)
                .map(RuleValue::path).toList();
        return new UnitAllowance(rb.ref(), data.unitId(), benchmarkYear, data, category, b.electricity().value(),
                b.heat().value(), fl, fr, ff, supplyPart, heatPart, unrounded, allowanceT, basis, provisional);
    }

    /**
     * A production line allocated its verified emissions (steel, cement, aluminium 2024, RULES-2023-2025.md §6.3):
     * no benchmark and no factor; the figure is the emissions themselves.
     */
    private static UnitAllowance verifiedEmissions(Rulebook rb, int year, UnitYearData data, UnitCategory category) {
        String path = "categories." + category.code();
        String why = "allocation = verified emissions (" + category.method() + ", " + category.sector() + ")";
        AppliedFactor none = new AppliedFactor(FactorKind.COOLING, false, BigDecimal.ONE, why, path);
        BigDecimal emissions = BigDecimal.valueOf(data.verifiedEmissionsT());
        return new UnitAllowance(rb.ref(), data.unitId(), year, data, category, BigDecimal.ZERO, BigDecimal.ZERO,
                none, new AppliedFactor(FactorKind.HEAT_SUPPLY, false, BigDecimal.ONE, why, path),
                new AppliedFactor(FactorKind.LOAD, false, BigDecimal.ONE, why, path), BigDecimal.ZERO, BigDecimal.ZERO,
                emissions, data.verifiedEmissionsT(), rb.outputBasis().value(), List.of());
    }

    /**
     * A production line on the output-linked intensity method (steel, cement, aluminium from 2025, RULES-2023-2025.md
     * §6.3): {@code A = Q_product × I × K}, no power benchmark and no factor; full precision, rounded once to a whole
     * tonne with {@code rounding.unitAllowance} like a power unit. The benchmark and coefficient are recorded as used
     * provisional values where the rulebook ships them so.
     */
    private static UnitAllowance intensity(Rulebook rb, int year, UnitYearData data, UnitCategory category) {
        IntensityParameters p = category.intensity();
        String why = "allocation = product output × intensity benchmark × balance coefficient (" + category.method()
                + ", " + category.sector() + ")";
        String path = "categories." + category.code();
        BigDecimal unrounded = data.productOutputT().multiply(p.intensityBenchmark().value())
                .multiply(p.balanceCoefficient().value());
        long allowanceT = unrounded.setScale(0, rb.rounding().unitAllowance().value()).longValueExact();
        List<String> provisional = Stream.of(p.intensityBenchmark(), p.balanceCoefficient())
                .filter(RuleValue::provisional).map(RuleValue::path).toList();
        return new UnitAllowance(rb.ref(), data.unitId(), year, data, category, BigDecimal.ZERO, BigDecimal.ZERO,
                new AppliedFactor(FactorKind.COOLING, false, BigDecimal.ONE, why, path),
                new AppliedFactor(FactorKind.HEAT_SUPPLY, false, BigDecimal.ONE, why, path),
                new AppliedFactor(FactorKind.LOAD, false, BigDecimal.ONE, why, path), BigDecimal.ZERO, BigDecimal.ZERO,
                unrounded, allowanceT, rb.outputBasis().value(), provisional,
                new UnitAllowance.IntensityFigure(data.productOutputT(), p.intensityBenchmark().value(),
                        p.balanceCoefficient().value(), p.intensityBenchmark().path(), p.balanceCoefficient().path()));
    }

    /** Checks the unit data against the rulebook; returns the unit's category. */
    public static UnitCategory validate(Rulebook rb, UnitYearData d) {
        String id = d.unitId();
        if (id == null || id.isBlank()) {
            throw new UnitDataException(String.valueOf(id), "unitId", "missing");
        }
        UnitCategory category = rb.category(d.category()).orElseThrow(() -> new UnitDataException(id, "category",
                "unknown category '" + d.category() + "' (rulebook " + rb.ref() + " has " + rb.categories().keySet() + ")"));
        if (d.verifiedEmissionsT() < 0) {
            throw new UnitDataException(id, "verifiedEmissionsT", "must be >= 0, was " + d.verifiedEmissionsT());
        }
        if (category.byIntensity()) {
            BigDecimal output = d.productOutputT();
            if (output == null) {
                throw new UnitDataException(id, "productOutputT", "missing (category " + category.code()
                        + " is allocated on its product output: " + category.intensity().productOutput().value()
                        + ", t)");
            }
            if (output.signum() <= 0) {
                throw new UnitDataException(id, "productOutputT", "must be > 0, was " + output.toPlainString());
            }
            return category;
        }
        if (!category.byBenchmark()) {
            return category; // a production line: only its verified emissions count
        }
        if (d.cooling() == null) {
            throw new UnitDataException(id, "cooling", "missing");
        }
        nonNegative(id, "powerSupplyMwh", d.powerSupplyMwh());
        if (rb.outputBasis().value() == OutputBasis.GROSS_GENERATION) {
            nonNegative(id, "powerGenerationMwh", d.powerGenerationMwh());
            if (d.powerGenerationMwh().compareTo(d.powerSupplyMwh()) < 0) {
                throw new UnitDataException(id, "powerGenerationMwh", "must be >= net supply "
                        + d.powerSupplyMwh().toPlainString() + " (gross generation includes own use), was "
                        + d.powerGenerationMwh().toPlainString());
            }
        } else if (d.powerGenerationMwh() != null) {
            nonNegative(id, "powerGenerationMwh", d.powerGenerationMwh());
        }
        nonNegative(id, "heatSupplyGj", d.heatSupplyGj());
        fraction(id, "heatRatio", d.heatRatio());
        if (d.loadFactor() != null) {
            fraction(id, "loadFactor", d.loadFactor());
        }
        return category;
    }

    private static void nonNegative(String id, String field, BigDecimal v) {
        if (v == null) {
            throw new UnitDataException(id, field, "missing");
        }
        if (v.signum() < 0) {
            throw new UnitDataException(id, field, "must be >= 0, was " + v.toPlainString());
        }
    }

    private static void fraction(String id, String field, BigDecimal v) {
        nonNegative(id, field, v);
        if (v.compareTo(BigDecimal.ONE) > 0) {
            throw new UnitDataException(id, field, "must be within [0, 1], was " + v.toPlainString());
        }
    }
}
