package cn.carbon.allocation.deadlines;

/** Where a province stands against an allocation-stage deadline. */
public enum DeadlineState {
    /** Every action the deadline binds was done by its day. */
    DONE_ON_TIME,
    /** Done, but at least one action after the day (with its reason). */
    DONE_LATE,
    /** Not done yet, and the day has not passed. */
    OPEN,
    /** Not done, and the day has passed. */
    OVERDUE
}
