package cn.carbon.offset.cap;

/**
 * What is left of one entity-year's cap: {@code capT − usedT − pendingT}, where used = confirmed offsets and pending =
 * applications not yet confirmed, rejected or withdrawn. Never below zero in the answer; {@link #exceededByT} says how
 * far over the cap the counted quantities are (after an obligation fell).
 */
public record Headroom(long obligationT, long capT, long usedT, long pendingT) {

    public long remainingT() {
        return Math.max(0, capT - usedT - pendingT);
    }

    public long exceededByT() {
        return Math.max(0, usedT + pendingT - capT);
    }

    /** Whether {@code moreT} on top of what is counted still fits the cap. */
    public boolean admits(long moreT) {
        return usedT + pendingT + moreT <= capT;
    }
}
