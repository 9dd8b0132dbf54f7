package cn.carbon.contracts.rulebook;

/**
 * A unit category of the rulebook (RULES.md §3 K1, RULES-2023-2025.md §6), e.g. {@code COAL_ABOVE_300MW} or, from
 * 2024, a production line such as {@code STEEL_BF_BOF}.
 *
 * @param code         the code used in unit data and in the benchmark table
 * @param fuel         coal or gas: decides the correction factors; null for a category not allocated by benchmark
 * @param conventional conventional (常规) unit; {@code false} for 燃煤矸石/煤泥/水煤浆 units
 * @param name         the plan's name of the category
 * @param sector       POWER, STEEL, CEMENT or ALUMINIUM
 * @param method       how its units are allocated
 * @param intensity    the parameters of an {@link AllocationMethod#INTENSITY} category; null for every other method
 */
public record UnitCategory(String code, Fuel fuel, boolean conventional, String name, String sector,
                           AllocationMethod method, IntensityParameters intensity) {

    public UnitCategory {
        if ((method == AllocationMethod.INTENSITY) != (intensity != null)) {
            throw new IllegalArgumentException("category " + code + ": intensity parameters go with, and only with, "
                    + "the INTENSITY method (was " + method + ")");
        }
    }

    /** A category of a method without parameters of its own (power benchmark, verified emissions). */
    public UnitCategory(String code, Fuel fuel, boolean conventional, String name, String sector,
                        AllocationMethod method) {
        this(code, fuel, conventional, name, sector, method, null);
    }

    /** A power category allocated by benchmark (every category of 2021-2023). */
    public UnitCategory(String code, Fuel fuel, boolean conventional, String name) {
        this(code, fuel, conventional, name, "POWER", AllocationMethod.POWER_BENCHMARK);
    }

    public boolean byBenchmark() {
        return method == AllocationMethod.POWER_BENCHMARK;
    }

    /** Allocated on its product output (output × intensity benchmark × balance coefficient). */
    public boolean byIntensity() {
        return method == AllocationMethod.INTENSITY;
    }
}
