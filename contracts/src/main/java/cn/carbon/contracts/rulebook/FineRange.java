package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;

/** A fine's range in CNY, both ends included. */
public record FineRange(BigDecimal min, BigDecimal max) {

    public boolean contains(BigDecimal amount) {
        return amount.compareTo(min) >= 0 && amount.compareTo(max) <= 0;
    }
}
