package cn.carbon.contracts;

import java.time.LocalDate;

/**
 * {@code carbon.exchange.net-purchases.v1}: one entity's trades of one week as the exchange reports them; the
 * record key is the USCC. {@code feedId} groups the rows of one feed (all rows or none).
 */
public record NetPurchaseEvent(String feedId, String uscc, LocalDate weekStart, LocalDate weekEnd, long boughtT,
                               long soldT, int rowCount) {

    public static final String REPORTED = "NetPurchasesReported";
}
