package cn.carbon.risk.index;

/** One explainable ingredient of the risk index (one class per factor; README.md gives each formula). */
public interface RiskFactor {

    /** Stable name, used in the stored factors, the API and the alert event. */
    String name();

    FactorResult assess(RiskSituation situation);
}
