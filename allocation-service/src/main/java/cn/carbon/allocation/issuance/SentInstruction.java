package cn.carbon.allocation.issuance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One instruction sent to the registry (carbon.allocations.v1), as a re-route or a declaration answers it. */
@RegisterForReflection
public record SentInstruction(String instructionId, String cycle, int year, String vintage, String stage, String kind,
                              String destination, long quantityT) {
}
