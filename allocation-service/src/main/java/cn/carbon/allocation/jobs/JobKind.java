package cn.carbon.allocation.jobs;

/** What a job computes: the pre-allocation (预分配) or the verified allocation (核定) with obligations. */
public enum JobKind {
    PRE_ALLOCATION,
    VERIFICATION
}
