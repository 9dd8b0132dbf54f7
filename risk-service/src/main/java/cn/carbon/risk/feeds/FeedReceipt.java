package cn.carbon.risk.feeds;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What an accepted feed did: its rows, and for each week the version it became and the feed it replaced. */
@RegisterForReflection // stored as JSON with the ObjectMapper and read back
public record FeedReceipt(String feedId, String source, String status, long rowCount, Instant receivedAt,
                          List<Week> weeks, int entitiesToRecompute, int reportsPublished) {

    public record Week(LocalDate weekStart, LocalDate weekEnd, int version, String replacedFeedId, long rows) {
    }
}
