package cn.carbon.surrender.carryover;

import cn.carbon.contracts.rulebook.CarryOverRule;
import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.surrender.ledger.Jdbc;

import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The carry-over cap of each entity (docs/RULES-2023-2025.md §5) from the ledger's own records: what it sold less what
 * it bought in settled trades of the rule's vintages since {@code netSalesFrom}, and what it holds of them, both up to
 * the cut-off (or now, before it: a projection). Holdings above the cap are flagged, never touched. Free units only:
 * borrowed (restricted) units never count, whatever their vintage (2023 units advanced to a 2021-2022 borrower do not,
 * 2023 units its own allocation issued do).
 */
@ApplicationScoped
public class CarryOverCaps {

    private static final String TRADES = """
            select t.uscc, t.counterparty_uscc, sum(l.quantity_t)
            from ledger_transaction t join ledger_line l on l.transaction_id = t.id
            where t.kind = 'SETTLEMENT' and not l.restricted and l.vintage = any (?) and t.posted_at >= ? and t.posted_at < ?
            """;
    private static final String GROUP_TRADES = " group by t.uscc, t.counterparty_uscc";
    /** an entity's sales ({@code ledger_transaction_entity}) */
    static final String ENTITY_SALES = TRADES + " and t.uscc = ?" + GROUP_TRADES;
    /** an entity's purchases ({@code ledger_transaction_counterparty}) */
    static final String ENTITY_PURCHASES = TRADES + " and t.counterparty_uscc = ?" + GROUP_TRADES;
    private static final String HOLDINGS = """
            select a.uscc, sum(m.q) from account a join (
                select l.to_account_id as account_id, l.quantity_t as q, l.vintage, l.transaction_id
                from ledger_line l where not l.restricted
                union all
                select l.from_account_id, -l.quantity_t, l.vintage, l.transaction_id from ledger_line l
                where not l.restricted
            ) m on m.account_id = a.id
            join ledger_transaction t on t.id = m.transaction_id
            where a.kind = 'ENTITY_HOLDING' and m.vintage = any (?) and t.posted_at < ?
            group by a.uscc""";
    /** the lines in and out of one entity's holding account ({@code ledger_line_to}, {@code ledger_line_from}) */
    static final String ENTITY_HOLDINGS = """
            select a.uscc, sum(m.q) from account a cross join lateral (
                select l.quantity_t as q, l.vintage, l.transaction_id from ledger_line l
                where l.to_account_id = a.id and not l.restricted
                union all
                select -l.quantity_t, l.vintage, l.transaction_id from ledger_line l
                where l.from_account_id = a.id and not l.restricted
            ) m
            join ledger_transaction t on t.id = m.transaction_id
            where a.kind = 'ENTITY_HOLDING' and a.uscc = ? and m.vintage = any (?) and t.posted_at < ?
            group by a.uscc""";
    private static final String DIRECTORY = "select uscc, name, province_code from entity_directory";

    private final Jdbc jdbc;

    public CarryOverCaps(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One entity's cap with its inputs. */
    public record Cap(String uscc, String name, String provinceCode, long soldT, long boughtT, long netSalesT,
                      long baseT, BigDecimal netSalesMultiplier, long capT, long holdingsT, long carryableT,
                      long excessT, boolean flagged) {
    }

    /**
     * @param vintages      the vintages counted (the rule's; their free units only)
     * @param asOf          the instant the figures are taken at: the cut-off's end, or now before it
     * @param finalFigures  whether the cut-off has passed
     */
    public record Report(String cycle, String rulebook, List<String> vintages, LocalDate netSalesFrom, LocalDate cutOff,
                         Instant asOf, boolean finalFigures, List<Cap> entities) {
    }

    /** The caps of the entities in scope ({@code province} or {@code uscc} null: all) that traded or hold any. */
    public Report of(Rulebook rb, CarryOverRule rule, String province, String uscc, Instant now) {
        Deadline cutOff = rb.deadline(rule.cutOff().value());
        Instant end = cutOff.endOfDay().toInstant();
        Instant asOf = now.isBefore(end) ? now : end;
        Instant from = rule.netSalesFrom().value().atStartOfDay(rb.timeZone()).toInstant();
        List<String> vintages = List.copyOf(rule.vintages().value());
        Jdbc.Array codes = new Jdbc.Array("text", vintages.toArray());

        Map<String, long[]> trades = new HashMap<>(); // uscc → {sold, bought}
        Map<String, Long> holdings = new HashMap<>();
        Jdbc.Row<Void> trade = rs -> {
            long q = rs.getLong(3);
            trades.computeIfAbsent(rs.getString(1), k -> new long[2])[0] += q;
            trades.computeIfAbsent(rs.getString(2), k -> new long[2])[1] += q;
            return null;
        };
        Jdbc.Row<Void> held = rs -> {
            holdings.put(rs.getString(1), rs.getLong(2));
            return null;
        };
        Map<String, Cap> caps = new TreeMap<>();
        Jdbc.Row<Void> entity = rs -> {
            String u = rs.getString(1);
            long[] t = trades.get(u);
            Long h = holdings.get(u);
            if (t != null || (h != null && h != 0) || uscc != null) {
                caps.put(u, cap(u, rs.getString(2), rs.getString(3), rule, t == null ? new long[2] : t,
                        h == null ? 0 : h));
            }
            return null;
        };
        if (uscc != null) { // one entity: its own trades and account only, through their indexes
            jdbc.list(ENTITY_SALES, trade, codes, from, asOf, uscc);
            jdbc.list(ENTITY_PURCHASES, trade, codes, from, asOf, uscc);
            jdbc.list(ENTITY_HOLDINGS, held, uscc, codes, asOf);
            jdbc.list(DIRECTORY + " where uscc = ?", entity, uscc);
        } else {
            jdbc.list(TRADES + GROUP_TRADES, trade, codes, from, asOf);
            jdbc.list(HOLDINGS, held, codes, asOf);
            if (province == null) {
                jdbc.list(DIRECTORY, entity);
            } else {
                jdbc.list(DIRECTORY + " where province_code = ?", entity, province);
            }
        }
        return new Report(rb.cycle(), rb.ref().toString(), vintages, rule.netSalesFrom().value(),
                cutOff.date().value(), asOf, !now.isBefore(end), List.copyOf(caps.values()));
    }

    static Cap cap(String uscc, String name, String province, CarryOverRule rule, long[] soldBought, long holdingsT) {
        long net = soldBought[0] - soldBought[1];
        long cap = rule.capT(net);
        long carryable = Math.min(cap, holdingsT);
        long excess = holdingsT - carryable;
        return new Cap(uscc, name, province, soldBought[0], soldBought[1], net, rule.baseT().value(),
                rule.netSalesMultiplier().value(), cap, holdingsT, carryable, excess, excess > 0);
    }
}
