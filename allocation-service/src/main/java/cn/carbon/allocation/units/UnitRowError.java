package cn.carbon.allocation.units;

/**
 * One problem of an import: the data row (1 = the first row after the header; 0 = the header itself), the column
 * (null for the whole row) and what is wrong.
 */
public record UnitRowError(int row, String column, String message) {
}
