package cn.carbon.allocation.jobs;

import cn.carbon.allocation.issuance.AllocationRuns;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pre-allocation or verification run and its progress.
 *
 * @param provinceCode  the province it was limited to, or null for all
 * @param total         entities to compute; {@code done} of them so far
 * @param skippedYears  pre-allocation: entity-years already verified, left as they are
 * @param unitsComputed unit rows computed and stored
 * @param instructions  instructions sent to the registry (only what was not instructed before)
 * @param obligations   obligations published (only new or changed ones)
 * @param failed        entities that could not be computed
 * @param errors        each failed entity (no {@code year}) and, for a verification, each entity-year pre-allocated
 *                      without verified unit data ({@code year}, AWAITING_VERIFIED_DATA); any error makes the job
 *                      COMPLETED_WITH_ERRORS
 */
@RegisterForReflection // written with the ObjectMapper, not as a declared return type
public record Job(UUID id, JobKind kind, String cycle, String provinceCode, String status, String rulebookId,
                  int rulebookVersion, int total, int done, double progress, int failed, int skippedYears,
                  int unitsComputed, int instructions, int obligations, List<AllocationRuns.EntityError> errors,
                  String message, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String COMPLETED_WITH_ERRORS = "COMPLETED_WITH_ERRORS";
    public static final String FAILED = "FAILED";

    /** done / total; a run with nothing to compute is 0 while it waits or runs and 1 once it ended. */
    static double progress(String status, int total, int done) {
        return total == 0 ? (QUEUED.equals(status) || RUNNING.equals(status) ? 0 : 1) : (double) done / total;
    }
}
