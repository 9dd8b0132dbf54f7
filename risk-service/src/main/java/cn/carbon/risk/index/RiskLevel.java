package cn.carbon.risk.index;

/** The levels of the index; the thresholds are configuration ({@code carbon.risk.levels.*}). */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** HIGH and CRITICAL are the levels that raise an alert and count as flagged. */
    public boolean isAlerting() {
        return this == HIGH || this == CRITICAL;
    }

    /** Thresholds: an index from {@code medium} is MEDIUM, from {@code high} HIGH, from {@code critical} CRITICAL. */
    public record Thresholds(int medium, int high, int critical) {

        public Thresholds {
            if (!(0 < medium && medium < high && high < critical && critical <= 100)) {
                throw new IllegalArgumentException("carbon.risk.levels must satisfy 0 < medium < high < critical <= 100, "
                        + "got " + medium + ", " + high + ", " + critical);
            }
        }

        public RiskLevel of(int index) {
            if (index >= critical) {
                return CRITICAL;
            }
            if (index >= high) {
                return HIGH;
            }
            if (index >= medium) {
                return MEDIUM;
            }
            return LOW;
        }
    }
}
