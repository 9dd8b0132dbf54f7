package cn.carbon.risk.evaluation;

import cn.carbon.risk.index.RiskAssessment;
import cn.carbon.risk.index.RiskIndex;
import cn.carbon.risk.index.RiskSettings;
import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.ShippedRulebook;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.net.URL;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/evaluate}: runs the service's risk index (the same classes, weights and thresholds from
 * application.properties; -Dcarbon.risk.…=… overrides) over a seeded synthetic season and prints, 4, 2 and 1 weeks
 * before the deadline, the precision and recall of HIGH+CRITICAL against the entities that end non-compliant.
 * Not a test: it reports, it does not assert. Arguments: [seed] [entities].
 */
public final class SeasonEvaluation {

    static final boolean DIAGNOSE = Boolean.getBoolean("evaluate.diagnose");

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 20231231L;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        RiskSettings settings = settings();
        RiskIndex index = RiskIndex.from(settings);
        RiskRulebook rulebook = ShippedRulebook.load();

        List<SyntheticSeason.Entity> season = SyntheticSeason.generate(seed, count);
        long missed = season.stream().filter(SyntheticSeason.Entity::missed).count();
        Map<SyntheticSeason.Archetype, int[]> byArchetype = new EnumMap<>(SyntheticSeason.Archetype.class);
        season.forEach(e -> {
            int[] c = byArchetype.computeIfAbsent(e.archetype(), k -> new int[2]);
            c[0]++;
            if (e.missed()) {
                c[1]++;
            }
        });
        System.out.printf("synthetic season: seed %d, %d entities, %d end non-compliant (%.1f %%)%n", seed, count, missed,
                100.0 * missed / count);
        byArchetype.forEach((a, c) -> System.out.printf("  hidden archetype %-8s %5d entities, %4d miss%n", a, c[0], c[1]));
        System.out.printf("index: weights %s, levels MEDIUM>=%d HIGH>=%d CRITICAL>=%d; rulebook %s v%d%n",
                index.weights(), settings.levels().medium(), settings.levels().high(), settings.levels().critical(),
                rulebook.rulebookId(), rulebook.version());
        System.out.println();
        System.out.println("weeks before  as of       flagged  TP   FP   FN   precision  recall");
        for (int weeksBefore : new int[]{4, 2, 1}) {
            int lastWeek = SyntheticSeason.WEEKS - 1 - weeksBefore;
            LocalDate asOf = SyntheticSeason.FIRST_WEEK.plusWeeks(lastWeek).plusDays(6);
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (SyntheticSeason.Entity e : season) {
                boolean flagged = index.assessAll(e.inputsAt(lastWeek), asOf, rulebook).stream()
                        .map(RiskAssessment::level).anyMatch(l -> l.isAlerting());
                if (flagged && e.missed()) {
                    tp++;
                } else if (flagged) {
                    fp++;
                } else if (e.missed()) {
                    fn++;
                    if (DIAGNOSE) {
                        RiskAssessment worst = index.assessAll(e.inputsAt(lastWeek), asOf, rulebook).stream()
                                .max(java.util.Comparator.comparingInt(RiskAssessment::index)).orElseThrow();
                        System.out.printf("    missed, not flagged: %s %-7s index %3d gap %,d t of %,d t (final short %,d t) %s%n",
                                e.uscc, e.archetype(), worst.index(), worst.cycleGapT(),
                                e.obligation2021 + e.obligation2022, e.shortAtDeadline(), worst.scores());
                    }
                }
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            System.out.printf("%12d  %s  %7d  %3d  %3d  %3d  %9.3f  %6.3f%n", weeksBefore, asOf, tp + fp, tp, fp, fn,
                    precision, recall);
        }
    }

    /** carbon.risk.* from the service's application.properties, system properties first. */
    static RiskSettings settings() throws Exception {
        URL properties = SeasonEvaluation.class.getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withMapping(RiskSettings.class)
                .withMappingIgnore("carbon.outbox.**")
                .build();
        return config.getConfigMapping(RiskSettings.class);
    }
}
