package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/** A compliance target: share of each province's entities that must have complied by a deadline (K26). */
public record ComplianceTarget(String deadline, BigDecimal shareOfEntities) {
}
