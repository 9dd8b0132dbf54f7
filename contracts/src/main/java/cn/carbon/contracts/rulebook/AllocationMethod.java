package cn.carbon.contracts.rulebook;

/**
 * How a category's units are allocated, chosen by data per category and year (docs/RULES-2023-2025.md §1 D14, §6):
 * the power benchmark (benchmark × output with correction factors), or the allocation equal to the verified emissions
 * of steel, cement and aluminium in 2024 (等量分配, so that the obligation nets to zero).
 */
public enum AllocationMethod {
    POWER_BENCHMARK,
    VERIFIED_EMISSIONS
}
