package cn.carbon.bench.season.run;

import java.util.ArrayList;
import java.util.List;

/** A check at the end of the season: passed or not, how many items it looked at, and the first mismatches. */
public final class Check {

    public final String name;
    public long checked;
    public long mismatches;
    public final List<String> examples = new ArrayList<>();
    public String note = "";
    public boolean skipped;

    public Check(String name) {
        this.name = name;
    }

    public synchronized void item(boolean ok, String whyNot) {
        checked++;
        if (!ok) {
            mismatches++;
            if (examples.size() < 6) {
                examples.add(whyNot);
            }
        }
    }

    public boolean passed() {
        return !skipped && mismatches == 0 && checked > 0;
    }
}
