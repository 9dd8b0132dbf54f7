package cn.carbon.risk.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** {@code carbon.risk.*}: the index's weights, thresholds and factor parameters (README.md, "The risk index"). */
@ConfigMapping(prefix = "carbon.risk")
public interface RiskSettings {

    /**
     * A pinned cycle: the service follows only it. Empty (unset or blank) = follow the business clock across every
     * cycle whose rulebook arrived on carbon.rulebooks.v1 (RiskRulebooks).
     */
    Optional<String> cycle();

    /** The day to compute for; empty = today in the rulebook's time zone. */
    Optional<LocalDate> asOf();

    Weights weights();

    Levels levels();

    Gap gap();

    Pace pace();

    Time time();

    /** Special status (carbon.entities.v1 status) → score in [0, 1]. */
    Map<String, Double> statusScores();

    History history();

    Schedule schedule();

    Feed feed();

    interface Weights {
        double gap();

        double pace();

        double time();

        double status();

        double history();
    }

    interface Levels {
        int medium();

        int high();

        int critical();
    }

    interface Gap {
        double fullScoreRatio();
    }

    interface Pace {
        int windowWeeks();

        int horizonDays();
    }

    interface Time {
        int horizonDays();
    }

    interface History {
        double perShortfall();
    }

    interface Schedule {
        @WithDefault("1h")
        String fullRecompute();

        @WithDefault("2s")
        String queueDrain();
    }

    interface Feed {
        @WithDefault("100")
        int maxListedErrors();
    }
}
