package cn.carbon.contracts.rulebook;

/**
 * How a category's units are allocated, chosen by data per category and year (docs/RULES-2023-2025.md §1 D14, §6):
 * the power benchmark (benchmark × output with correction factors), the allocation equal to the verified emissions
 * of steel, cement and aluminium in 2024 (等量分配, so that the obligation nets to zero), or from 2025 the
 * output-linked intensity method of those sectors (product output × intensity benchmark × sector balance coefficient,
 * its parameters in the category: {@link IntensityParameters}).
 */
public enum AllocationMethod {
    POWER_BENCHMARK,
    VERIFIED_EMISSIONS,
    INTENSITY
}
