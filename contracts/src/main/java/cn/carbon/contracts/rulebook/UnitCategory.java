package cn.carbon.contracts.rulebook;

/**
 * A unit category of the rulebook (RULES.md §3 K1), e.g. {@code COAL_ABOVE_300MW}.
 *
 * @param code         the code used in unit data and in the benchmark table
 * @param fuel         coal or gas: decides the correction factors
 * @param conventional conventional (常规) unit; {@code false} for 燃煤矸石/煤泥/水煤浆 units
 * @param name         the plan's name of the category
 */
public record UnitCategory(String code, Fuel fuel, boolean conventional, String name) {
}
