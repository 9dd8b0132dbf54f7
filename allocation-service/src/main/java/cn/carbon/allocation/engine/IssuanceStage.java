package cn.carbon.allocation.engine;

/** When allowances move: at pre-allocation (预分配) or at verification (核定, true-up). */
public enum IssuanceStage {
    PRE_ALLOCATION,
    VERIFICATION
}
