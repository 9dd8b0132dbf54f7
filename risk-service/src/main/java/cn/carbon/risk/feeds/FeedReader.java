package cn.carbon.risk.feeds;

import java.io.IOException;

/** Rows of a feed, one at a time: a reader never holds more than the row it returns. */
public interface FeedReader {

    /** The next row, or null at the end. */
    FeedRow next() throws IOException;

    /** The feed's columns, in the order of the CSV header (the JSON field names are their camelCase forms). */
    String HEADER = "uscc,week_start,week_end,bought_t,sold_t";
}
