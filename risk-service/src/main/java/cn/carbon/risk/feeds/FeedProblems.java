package cn.carbon.risk.feeds;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of one feed: every one is counted, the first {@code maxListed} are listed with their row and column.
 * Any problem rejects the whole feed (all rows or none).
 */
public final class FeedProblems {

    public static final String REJECTED = "feed-rejected";
    public static final String HEADER = "feed-header";
    public static final String MALFORMED = "feed-malformed";

    private final int maxListed;
    private final List<Problem.FieldError> listed = new ArrayList<>();
    private long total;

    public FeedProblems(int maxListed) {
        this.maxListed = maxListed;
    }

    public void add(Integer row, String column, String message) {
        total++;
        if (listed.size() < maxListed) {
            listed.add(new Problem.FieldError(row, column, message));
        }
    }

    public void count(long more) {
        total += more;
    }

    public boolean any() {
        return total > 0;
    }

    public long total() {
        return total;
    }

    public List<Problem.FieldError> listed() {
        return List.copyOf(listed);
    }

    public int room() {
        return Math.max(0, maxListed - listed.size());
    }

    public ProblemException rejection(long rows) {
        String shown = total > listed.size() ? " (the first " + listed.size() + " are listed)" : "";
        return ProblemException.unprocessable(REJECTED, "Feed rejected",
                total + " problem(s) in " + rows + " row(s); nothing was stored" + shown, listed);
    }

    public static ProblemException header(String found) {
        return ProblemException.unprocessable(HEADER, "Wrong feed header",
                "the first line must be exactly " + FeedReader.HEADER + "; nothing was stored",
                List.of(new Problem.FieldError(0, "header", "expected " + FeedReader.HEADER + ", found "
                        + (found == null ? "an empty feed" : abbreviate(found)))));
    }

    public static ProblemException malformed(String message) {
        return ProblemException.unprocessable(MALFORMED, "Malformed feed", message + "; nothing was stored",
                List.of(Problem.FieldError.field("body", message)));
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
