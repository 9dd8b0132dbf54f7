package cn.carbon.risk.feeds;

/**
 * One row of a feed as it arrived (CSV cells, JSON values or a Kafka record), still text, so that validation can name
 * each bad cell. {@code shapeError} is set when the row could not even be split into its five fields.
 *
 * @param rowNo 1 for the first data row
 */
public record FeedRow(int rowNo, String uscc, String weekStart, String weekEnd, String boughtT, String soldT,
                      String shapeError) {

    public static FeedRow malformed(int rowNo, String problem) {
        return new FeedRow(rowNo, null, null, null, null, null, problem);
    }
}
