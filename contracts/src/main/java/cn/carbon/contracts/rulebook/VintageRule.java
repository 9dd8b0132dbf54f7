package cn.carbon.contracts.rulebook;

import java.util.List;
import java.util.Map;

/**
 * Vintages (notice §四, RULES.md §5.2).
 *
 * @param allocation   vintage of the allowances allocated for each compliance year
 * @param eligible     vintages usable for each compliance year's obligation
 * @param borrowedOnly vintages usable only as allowances borrowed by the entity for that year
 */
public record VintageRule(RuleValue<Map<Integer, String>> allocation, Map<Integer, RuleValue<List<String>>> eligible,
                          RuleValue<List<String>> borrowedOnly) {
}
