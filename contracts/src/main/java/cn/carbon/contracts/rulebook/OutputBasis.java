package cn.carbon.contracts.rulebook;

/**
 * What the electricity benchmark multiplies (RULES-2023-2025.md §1 D1): net supply (供电量) in 2021–2022, gross
 * generation (发电量) from 2023. A rulebook's benchmarks name the basis they are given on ({@link #key}).
 */
public enum OutputBasis {
    NET_SUPPLY("supply", "供电量"),
    GROSS_GENERATION("generation", "发电量");

    private final String key;
    private final String zh;

    OutputBasis(String key, String zh) {
        this.key = key;
        this.zh = zh;
    }

    /** The benchmark's key under {@code benchmarks.<year>.<category>} and the unit data's quantity. */
    public String key() {
        return key;
    }

    public String zh() {
        return zh;
    }
}
