package cn.carbon.console;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * The compliance cycles the console offers (2021-2022, then the annual ones) and the one shown until the user picks
 * another in the header; the choice is a cookie, so it follows the user from page to page and never reaches a service
 * except as the {@code cycle} of the paths the pages call.
 */
@ApplicationScoped
public class ConsoleCycles {

    public static final String COOKIE = "carbon_cycle";

    private final List<String> offered;
    private final String standing;

    public ConsoleCycles(@ConfigProperty(name = "carbon.console.cycles") List<String> offered,
                         @ConfigProperty(name = "carbon.console.cycle") String standing) {
        this.offered = offered.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        if (!this.offered.contains(standing)) {
            throw new IllegalStateException("carbon.console.cycle " + standing + " is not one of carbon.console.cycles "
                    + this.offered);
        }
        this.standing = standing;
    }

    public List<String> offered() {
        return offered;
    }

    public boolean offers(String cycle) {
        return cycle != null && offered.contains(cycle);
    }

    /** The cycle of the user's cookie when the console offers it, else the configured one. */
    public String chosen(String cookie) {
        return offers(cookie) ? cookie : standing;
    }

    /**
     * The cycle a search asks for: the one named when offered, else the offered cycle that covers the year typed, else
     * the fallback.
     */
    public String forYear(String asked, String year, String fallback) {
        if (offers(asked)) {
            return asked;
        }
        String y = year == null ? "" : year.strip();
        return offered.stream().filter(c -> years(c).contains(y)).findFirst().orElse(fallback);
    }

    /** The compliance years of a cycle: 2021-2022 → [2021, 2022], 2023 → [2023]. */
    public static List<String> years(String cycle) {
        String[] ends = cycle.split("-");
        if (ends.length == 1) {
            return List.of(ends[0]);
        }
        int from = Integer.parseInt(ends[0]);
        int to = Integer.parseInt(ends[1]);
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }
}
