package cn.carbon.contracts.rulebook;

import java.util.Objects;

/**
 * One value of a rulebook, with its provenance. Every number, date and setting of a rulebook is one of these:
 * {@code { "value": …, "confirmed": true|false, "source": "RULES.md §x", "note": … }}.
 *
 * @param path      where the value sits in the rulebook file (e.g. {@code benchmarks.2021.GAS.supply})
 * @param value     the value itself
 * @param confirmed {@code false} when RULES.md tags it [R] (recalled) or leaves it open ([I], platform default
 *                  reading): the registry should replace it with the official figure by loading a new version
 * @param source    where the value comes from (RULES.md section, source ids)
 * @param note      why this value / how it applies; may be {@code null}
 * @param provisional a value the sources leave open ({@code "provisional": true}; never confirmed): a figure computed
 *                  from it is marked, and its issuance waits for the registry's explicit confirmation
 */
public record RuleValue<T>(String path, T value, boolean confirmed, String source, String note,
                           boolean provisional) {

    public RuleValue {
        Objects.requireNonNull(path, "path");
    }

    public RuleValue(String path, T value, boolean confirmed, String source, String note) {
        this(path, value, confirmed, source, note, false);
    }

    /** The value; named for readability at call sites ({@code rb.preAllocation().share().get()}). */
    public T get() {
        return value;
    }
}
