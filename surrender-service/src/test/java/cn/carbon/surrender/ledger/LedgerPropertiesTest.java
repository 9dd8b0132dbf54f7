package cn.carbon.surrender.ledger;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceCredits;
import cn.carbon.surrender.compliance.YearPosition;
import cn.carbon.surrender.forced.ForcedSurrenders;
import cn.carbon.surrender.rulebook.Rulebooks;
import cn.carbon.surrender.settlement.Settlements;
import cn.carbon.surrender.surrender.Surrenders;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random (seeded: jqwik prints the seed of any failure) sequences of issue, claw-back, borrowing, settlement,
 * surrender, forced surrender, offset credit and repeated messages, run through the real commands and posting rules
 * over in-memory stores and, side by side, through a reference model written as plainly as possible. After every
 * step: the same outcome (accepted or refused), the same balances (free and restricted units apart), every vintage
 * summing to zero, no balance below zero but issuance's, and every accepted command posted exactly once however often
 * it was repeated. Once with the 2021-2022 rulebook alone (2023 only as borrowed units), once with the 2023 rulebook
 * too (2023 also as the 2023 allocation's free units).
 */
class LedgerPropertiesTest {

    static final Rulebooks RULEBOOKS = Rulebooks.of(ShippedRulebooks.power2021To2022());
    static final Rulebooks WITH_2023 = Rulebooks.of(ShippedRulebooks.power2021To2022(), ShippedRulebooks.rulebooks()
            .stream().filter(r -> r.cycle().equals("2023")).findFirst().orElseThrow());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2023-09-01T00:00:00Z"), ZoneOffset.UTC);
    static final List<String> ENTITIES = List.of("E0", "E1", "E2");
    /** The 2021-2022 cycle's years (and its forced surrender's). */
    static final List<Integer> YEARS = List.of(2021, 2022);
    static final List<Integer> YEARS_WITH_2023 = List.of(2021, 2022, 2023);
    static final List<String> FREE = List.of("2019-2020", "2021", "2022");
    static final List<String> ALL_VINTAGES = List.of("2019-2020", "2021", "2022", "2023");

    sealed interface Cmd permits Issue, ClawBack, Borrow, Settle, Surrender, Forced, Offset, Repeat {
    }

    record Issue(int e, boolean custody, int year, String vintage, long q) implements Cmd {
    }

    record ClawBack(int e, boolean custody, int year, String vintage, long q) implements Cmd {
    }

    record Borrow(int e, int year, long q) implements Cmd {
    }

    record Settle(int seller, int shift, String vintage, long q) implements Cmd {
    }

    record Surrender(int e, int year, List<Surrenders.Line> lines) implements Cmd {
    }

    record Forced(int e) implements Cmd {
    }

    record Offset(int e, int year, long q) implements Cmd {
    }

    /** The message (or request) of an earlier step, delivered again. */
    record Repeat(int index) implements Cmd {
    }

    @Property(tries = 300)
    void theLedgerAgreesWithTheReferenceModel(@ForAll("commands") @Size(min = 1, max = 80) List<Cmd> commands,
                                              @ForAll("obligations") @Size(9) List<Long> obligations) {
        run(RULEBOOKS, YEARS, commands, obligations);
    }

    @Property(tries = 300)
    void theLedgerAgreesWithTheReferenceModelOnce2023IsAllocated(
            @ForAll("commandsWith2023") @Size(min = 1, max = 80) List<Cmd> commands,
            @ForAll("obligations") @Size(9) List<Long> obligations) {
        run(WITH_2023, YEARS_WITH_2023, commands, obligations);
    }

    private static void run(Rulebooks rulebooks, List<Integer> years, List<Cmd> commands, List<Long> obligations) {
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        InMemoryComplianceBook book = new InMemoryComplianceBook();
        Ledger ledger = new Ledger(store);
        Inflows inflows = new Inflows(ledger, book, rulebooks, CLOCK);
        Settlements settlements = new Settlements(ledger, rulebooks, CLOCK);
        Surrenders surrenders = new Surrenders(ledger, book, rulebooks, CLOCK);
        ForcedSurrenders forced = new ForcedSurrenders(ledger, book, rulebooks, CLOCK);
        ComplianceCredits credits = new ComplianceCredits(ledger, book, rulebooks, CLOCK);
        Model model = new Model(years);
        for (int i = 0; i < ENTITIES.size(); i++) {
            store.open(ENTITIES.get(i));
            book.open(ENTITIES.get(i));
            for (int y = 0; y < years.size(); y++) {
                long obligation = obligations.get(i * years.size() + y);
                credits.setObligation(ENTITIES.get(i), years.get(y), obligation, false);
                model.obligation.put(ENTITIES.get(i) + "/" + years.get(y), obligation);
            }
        }

        List<Cmd> sent = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int step = 0; step < commands.size(); step++) {
            Cmd cmd = commands.get(step);
            String ref = "r" + step;
            if (cmd instanceof Repeat r && !sent.isEmpty()) {
                int k = r.index() % sent.size();
                cmd = sent.get(k);
                ref = refs.get(k);
            }
            if (cmd instanceof Repeat) {
                continue;
            }
            sent.add(cmd);
            refs.add(ref);
            boolean accepted;
            try {
                execute(cmd, ref, inflows, settlements, surrenders, forced, credits);
                accepted = true;
            } catch (ProblemException refused) {
                accepted = false;
            }
            boolean expected = model.apply(cmd, ref);
            assertThat(accepted).as("step %d %s (%s)", step, cmd, ref).isEqualTo(expected);
            check(store, book, model, "after step " + step + " " + cmd);
        }
    }

    private static void execute(Cmd cmd, String ref, Inflows inflows, Settlements settlements, Surrenders surrenders,
                                ForcedSurrenders forced, ComplianceCredits credits) {
        if (cmd instanceof Issue c) {
            inflows.issue(ref, ENTITIES.get(c.e()), destination(c.custody()), c.year(), c.vintage(), c.q(), "p");
        } else if (cmd instanceof ClawBack c) {
            inflows.clawBack(ref, ENTITIES.get(c.e()), destination(c.custody()), c.year(), c.vintage(), c.q(), "p");
        } else if (cmd instanceof Borrow c) {
            inflows.borrow(ref, ENTITIES.get(c.e()), c.year(), "2023", c.q(), "p");
        } else if (cmd instanceof Settle c) {
            settlements.settle(new Settlements.Trade(ref, ENTITIES.get(c.seller()), ENTITIES.get(buyer(c)), c.vintage(),
                    c.q()), "p");
        } else if (cmd instanceof Surrender c) {
            surrenders.surrender("surrender:" + ref, ENTITIES.get(c.e()), c.year(), c.lines(), "p");
        } else if (cmd instanceof Forced c) {
            forced.execute("forced:" + ref, ENTITIES.get(c.e()), "2021-2022", "p");
        } else if (cmd instanceof Offset c) {
            credits.creditOffset(ref, ENTITIES.get(c.e()), c.year(), c.q(), "p");
        } else {
            throw new IllegalStateException("resolved before: " + cmd);
        }
    }

    private static int buyer(Settle c) {
        return (c.seller() + 1 + c.shift()) % ENTITIES.size();
    }

    private static String destination(boolean custody) {
        return custody ? AllocationInstruction.PROVINCIAL_CUSTODY : AllocationInstruction.ENTITY_ACCOUNT;
    }

    private static void check(InMemoryLedgerStore store, InMemoryComplianceBook book, Model model, String when) {
        // the same balances everywhere, national accounts included
        Set<String> keys = new HashSet<>(model.balance.keySet());
        store.all().forEach((account, byKey) -> byKey.keySet().forEach(k -> keys.add(account.label() + "|" + k)));
        for (String key : keys) {
            String[] parts = key.split("\\|");
            AccountRef account = parse(parts[0]);
            assertThat(store.balance(account, parts[1], parts[2].equals("restricted"))).as("%s: %s", when, key)
                    .isEqualTo(model.balance.getOrDefault(key, 0L));
        }
        // conservation: every vintage sums to zero, free and restricted units each; nothing but issuance below zero
        for (String v : ALL_VINTAGES) {
            for (boolean restricted : List.of(false, true)) {
                String k = InMemoryLedgerStore.key(v, restricted);
                long sum = store.all().values().stream().mapToLong(m -> m.getOrDefault(k, 0L)).sum();
                assertThat(sum).as("%s: %s sums to zero", when, k).isZero();
            }
        }
        store.all().forEach((account, byVintage) -> byVintage.forEach((v, q) -> {
            if (!account.equals(AccountRef.ISSUANCE)) {
                assertThat(q).as("%s: %s %s not negative", when, account.label(), v).isNotNegative();
            }
        }));
        // exactly once: one posting per accepted command (three for a forced surrender), however often repeated
        assertThat(store.postings()).as("%s: postings", when).hasSize(model.postings);
        assertThat(store.postings().stream().map(Posted::reference).distinct().count()).isEqualTo(model.postings);
        for (String e : ENTITIES) {
            for (int y : model.years) {
                YearPosition p = book.get(e, y);
                String k = e + "/" + y;
                assertThat(List.of(p.surrenderedT(), p.offsetT(), p.obligationAddedT(), p.borrowedT(), p.borrowedUsedT()))
                        .as("%s: position %s", when, k)
                        .containsExactly(model.surrendered.getOrDefault(k, 0L), model.offset.getOrDefault(k, 0L),
                                model.added.getOrDefault(k, 0L), model.borrowed.getOrDefault(k, 0L),
                                model.borrowedUsed.getOrDefault(k, 0L));
            }
        }
    }

    private static AccountRef parse(String label) {
        int slash = label.indexOf('/');
        return slash < 0 ? new AccountRef(Account.Kind.valueOf(label), null)
                : new AccountRef(Account.Kind.valueOf(label.substring(0, slash)), label.substring(slash + 1));
    }

    /** The rules as plainly as they can be written: maps of numbers, one rule per command. */
    static final class Model {
        final List<Integer> years;
        /** Whether the 2023 rulebook is in force: vintage 2023 then exists as free units too. */
        final boolean allocates2023;
        final Map<String, Long> balance = new HashMap<>();
        final Map<String, Long> obligation = new HashMap<>();
        final Map<String, Long> added = new HashMap<>();
        final Map<String, Long> surrendered = new HashMap<>();
        final Map<String, Long> offset = new HashMap<>();
        final Map<String, Long> borrowed = new HashMap<>();
        final Map<String, Long> borrowedUsed = new HashMap<>();
        final Set<String> applied = new HashSet<>();
        int postings;

        Model(List<Integer> years) {
            this.years = years;
            this.allocates2023 = years.contains(2023);
        }

        static String holding(int e) {
            return "ENTITY_HOLDING/" + ENTITIES.get(e);
        }

        static String custody(int e) {
            return "PROVINCIAL_CUSTODY/" + ENTITIES.get(e);
        }

        static String key(String account, String v, boolean restricted) {
            return account + "|" + InMemoryLedgerStore.key(v, restricted);
        }

        /** Free units. */
        long get(String account, String v) {
            return get(account, v, false);
        }

        long get(String account, String v, boolean restricted) {
            return balance.getOrDefault(key(account, v, restricted), 0L);
        }

        void move(String from, String to, String v, long q) {
            move(from, to, v, q, false);
        }

        void move(String from, String to, String v, long q, boolean restricted) {
            balance.merge(key(from, v, restricted), -q, Long::sum);
            balance.merge(key(to, v, restricted), q, Long::sum);
        }

        /** 2023 serves 2021 and 2022 only as units borrowed for them; 2023's own rulebook issues it free. */
        static boolean borrowedOnly(String vintage, int year) {
            return vintage.equals("2023") && year != 2023;
        }

        long remaining(String k) {
            return Math.max(0, obligation.get(k) + added.getOrDefault(k, 0L) - surrendered.getOrDefault(k, 0L)
                    - offset.getOrDefault(k, 0L));
        }

        /** Whether the command is accepted (a repeat of an applied one is, and changes nothing). */
        boolean apply(Cmd cmd, String ref) {
            if (applied.contains(ref)) {
                return true;
            }
            boolean accepted = accept(cmd);
            if (accepted) {
                applied.add(ref);
                postings++;
            }
            return accepted;
        }

        private boolean accept(Cmd cmd) {
            if (cmd instanceof Issue c) {
                if (borrowedOnly(c.vintage(), c.year())) {
                    return false;
                }
                move("NATIONAL_ISSUANCE", c.custody() ? custody(c.e()) : holding(c.e()), c.vintage(), c.q());
                return true;
            }
            if (cmd instanceof ClawBack c) {
                if (borrowedOnly(c.vintage(), c.year())) {
                    return false;
                }
                String account = c.custody() ? custody(c.e()) : holding(c.e());
                long taken = Math.min(get(account, c.vintage()), c.q());
                if (taken > 0) {
                    move(account, "NATIONAL_ISSUANCE", c.vintage(), taken);
                }
                added.merge(ENTITIES.get(c.e()) + "/" + c.year(), c.q() - taken, Long::sum);
                return true;
            }
            if (cmd instanceof Borrow c) {
                if (c.year() == 2023) {
                    return false; // borrowing was abolished from 2023 on
                }
                move("NATIONAL_ISSUANCE", holding(c.e()), "2023", c.q(), true);
                borrowed.merge(ENTITIES.get(c.e()) + "/" + c.year(), c.q(), Long::sum);
                return true;
            }
            if (cmd instanceof Settle c) {
                if (c.vintage().equals("2023") && !allocates2023 || get(holding(c.seller()), c.vintage()) < c.q()) {
                    return false;
                }
                move(holding(c.seller()), holding(buyer(c)), c.vintage(), c.q());
                return true;
            }
            if (cmd instanceof Surrender c) {
                String k = ENTITIES.get(c.e()) + "/" + c.year();
                long total = c.lines().stream().mapToLong(Surrenders.Line::quantityT).sum();
                long restricted = c.lines().stream().filter(l -> borrowedOnly(l.vintage(), c.year()))
                        .mapToLong(Surrenders.Line::quantityT).sum();
                boolean held = c.lines().stream().allMatch(l -> get(holding(c.e()), l.vintage(),
                        borrowedOnly(l.vintage(), c.year())) >= l.quantityT());
                if (total > remaining(k) || restricted > borrowed.getOrDefault(k, 0L) - borrowedUsed.getOrDefault(k, 0L)
                        || !held) {
                    return false;
                }
                c.lines().forEach(l -> move(holding(c.e()), "SURRENDER", l.vintage(), l.quantityT(),
                        borrowedOnly(l.vintage(), c.year())));
                surrendered.merge(k, total, Long::sum);
                borrowedUsed.merge(k, restricted, Long::sum);
                return true;
            }
            if (cmd instanceof Forced c) {
                String custody = custody(c.e());
                Map<Integer, Long> need = new HashMap<>();
                YEARS.forEach(y -> need.put(y, remaining(ENTITIES.get(c.e()) + "/" + y)));
                for (int y : YEARS) {
                    forcedTake(c.e(), y, String.valueOf(y), custody, need);
                }
                for (int y : YEARS) {
                    forcedTake(c.e(), y, String.valueOf(y == 2021 ? 2022 : 2021), custody, need);
                    forcedTake(c.e(), y, "2019-2020", custody, need);
                }
                for (String v : ALL_VINTAGES) {
                    long left = get(custody, v);
                    if (left > 0) {
                        move(custody, holding(c.e()), v, left);
                    }
                }
                postings += 2; // one per year and the release, beyond the one counted for every command
                return true;
            }
            if (cmd instanceof Offset c) {
                offset.merge(ENTITIES.get(c.e()) + "/" + c.year(), c.q(), Long::sum);
                return true;
            }
            throw new IllegalStateException("resolved before: " + cmd);
        }

        private void forcedTake(int e, int year, String vintage, String custody, Map<Integer, Long> need) {
            long q = Math.min(get(custody, vintage), need.get(year));
            if (q > 0) {
                move(custody, "SURRENDER", vintage, q);
                need.put(year, need.get(year) - q);
                surrendered.merge(ENTITIES.get(e) + "/" + year, q, Long::sum);
            }
        }
    }

    @Provide
    Arbitrary<List<Long>> obligations() {
        return Arbitraries.longs().between(0, 3_000).list();
    }

    @Provide
    Arbitrary<List<Cmd>> commands() {
        return commands(YEARS, FREE);
    }

    /** 2023 among the years, and among the vintages issued (refused for 2021 and 2022). */
    @Provide
    Arbitrary<List<Cmd>> commandsWith2023() {
        return commands(YEARS_WITH_2023, ALL_VINTAGES);
    }

    private static Arbitrary<List<Cmd>> commands(List<Integer> years, List<String> issued) {
        Arbitrary<Integer> entity = Arbitraries.integers().between(0, ENTITIES.size() - 1);
        Arbitrary<Integer> year = Arbitraries.of(years);
        Arbitrary<String> free = Arbitraries.of(issued);
        Arbitrary<Long> q = Arbitraries.longs().between(1, 1_000);
        Arbitrary<Boolean> custody = Arbitraries.of(true, false);
        Arbitrary<Cmd> issue = Combinators.combine(entity, custody, year, free, q).as(Issue::new);
        Arbitrary<Cmd> clawBack = Combinators.combine(entity, custody, year, free, q).as(ClawBack::new);
        Arbitrary<Cmd> borrow = Combinators.combine(entity, year, Arbitraries.longs().between(1, 300)).as(Borrow::new);
        Arbitrary<Cmd> settle = Combinators.combine(entity, Arbitraries.integers().between(0, ENTITIES.size() - 2),
                Arbitraries.of(ALL_VINTAGES), q).as(Settle::new);
        Arbitrary<List<Surrenders.Line>> lines = Arbitraries.of(ALL_VINTAGES).set().ofMinSize(1).ofMaxSize(2)
                .flatMap(vs -> Arbitraries.longs().between(1, 800).list().ofSize(vs.size())
                        .map(qs -> {
                            List<String> ordered = new ArrayList<>(vs);
                            List<Surrenders.Line> ls = new ArrayList<>();
                            for (int i = 0; i < ordered.size(); i++) {
                                ls.add(new Surrenders.Line(ordered.get(i), qs.get(i)));
                            }
                            return ls;
                        }));
        Arbitrary<Cmd> surrender = Combinators.combine(entity, year, lines).as(Surrender::new);
        Arbitrary<Cmd> forced = entity.map(Forced::new);
        Arbitrary<Cmd> offset = Combinators.combine(entity, year, Arbitraries.longs().between(1, 200)).as(Offset::new);
        Arbitrary<Cmd> repeat = Arbitraries.integers().between(0, 1_000).map(Repeat::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, issue), net.jqwik.api.Tuple.of(2, clawBack), net.jqwik.api.Tuple.of(1, borrow),
                net.jqwik.api.Tuple.of(4, settle), net.jqwik.api.Tuple.of(4, surrender), net.jqwik.api.Tuple.of(1, forced),
                net.jqwik.api.Tuple.of(1, offset), net.jqwik.api.Tuple.of(4, repeat)).list();
    }
}
