package cn.carbon.contracts.rulebook;

import static cn.carbon.contracts.rulebook.Converters.*;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the issuance, borrowing, offset, vintage, deadline, penalty, rounding and settings sections. */
abstract class ScheduleReader extends CorrectionsReader {

    ScheduleReader(Ctx ctx, Obj root) {
        super(ctx, root);
    }

    /** Absent from a rulebook whose years are allocated in one step at 核定 (2023, industry 2024). */
    PreAllocationRule readPreAllocation() {
        if (root.raw("preAllocation") == null) {
            return null;
        }
        Obj o = root.obj("preAllocation");
        if (o == null) {
            return null;
        }
        RuleValue<BigDecimal> share = rv(o, "share", share(ctx));
        RuleValue<Integer> baseYear = rv(o, "baseYear", (p, n) -> {
            Integer y = integer(ctx).convert(p, n);
            if (y != null && !years.contains(y)) {
                ctx.error(p, "must be one of the compliance years " + years + " (was " + y + ")");
                return null;
            }
            return y;
        });
        o.done();
        return share == null || baseYear == null ? null : new PreAllocationRule(share, baseYear);
    }

    DifferentiatedIssuanceRule readDifferentiatedIssuance() {
        Obj o = root.obj("differentiatedIssuance");
        if (o == null) {
            return null;
        }
        RuleValue<Boolean> keeps = rv(o, "complianceRiskKeepsPreAllocation", bool(ctx));
        o.done();
        return keeps == null ? null : new DifferentiatedIssuanceRule(keeps);
    }

    FloorRule readFloor() {
        Obj o = root.obj("allocationFloor");
        if (o == null) {
            return null;
        }
        RuleValue<BigDecimal> share = rv(o, "shareOfVerifiedEmissions", share(ctx));
        o.done();
        return share == null ? null : new FloorRule(share);
    }

    /** Absent where borrowing is abolished (from 2023, RULES-2023-2025.md §1 D7). */
    BorrowingRule readBorrowing() {
        if (root.raw("borrowing") == null) {
            return null;
        }
        Obj o = root.obj("borrowing");
        if (o == null) {
            return null;
        }
        RuleValue<BigDecimal> threshold = rv(o, "gapRateThreshold", unitInterval(ctx));
        RuleValue<BigDecimal> maxShare = rv(o, "maxShareOfGap", share(ctx));
        RuleValue<String> vintage = rv(o, "sourceVintage", text(ctx));
        RuleValue<String> deadline = rv(o, "applicationDeadline", text(ctx));
        o.done();
        return threshold == null || maxShare == null || vintage == null || deadline == null ? null
                : new BorrowingRule(threshold, maxShare, vintage, deadline);
    }

    CcerOffsetRule readCcer() {
        Obj o = root.obj("ccerOffset");
        if (o == null) {
            return null;
        }
        RuleValue<BigDecimal> cap = rv(o, "capShareOfObligation", unitInterval(ctx));
        RuleValue<LocalDate> filedBefore = rv(o, "oldCcerFiledBefore", date(ctx));
        RuleValue<String> usableUntil = rv(o, "oldCcerUsableUntil", text(ctx));
        RuleValue<Boolean> firstCycle = rv(o, "firstCycleCancelledUnusedUsable", bool(ctx));
        RuleValue<Boolean> excludeCovered = rv(o, "excludeProjectsInsideNationalEtsCoverage", bool(ctx));
        RuleValue<List<String>> excludedTypes = rv(o, "excludedProjectTypes", listOf(ctx, text(ctx), true));
        RuleValue<String> opens = rv(o, "applicationOpens", text(ctx));
        RuleValue<String> due = rv(o, "applicationDeadline", text(ctx));
        boolean newCcerGiven = o.raw("newCcer") != null;
        RuleValue<CcerOffsetRule.NewCcer> newCcer = newCcerGiven ? rv(o, "newCcer", this::newCcer) : null;
        o.done();
        return cap == null || filedBefore == null || usableUntil == null || firstCycle == null
                || excludeCovered == null || excludedTypes == null || opens == null || due == null
                || (newCcerGiven && newCcer == null) ? null
                : new CcerOffsetRule(cap, filedBefore, usableUntil, firstCycle, excludeCovered, excludedTypes, opens,
                due, newCcer);
    }

    /** {@code {accepted, registeredFrom}}: the day is required when new CCERs are accepted. */
    CcerOffsetRule.NewCcer newCcer(String path, JsonNode n) {
        if (!n.isObject()) {
            ctx.error(path, "must be an object {accepted, registeredFrom}");
            return null;
        }
        Obj o = new Obj(ctx, path, n);
        Boolean accepted = o.get("accepted", bool(ctx));
        boolean fromGiven = o.raw("registeredFrom") != null;
        LocalDate from = fromGiven ? o.get("registeredFrom", date(ctx)) : null;
        o.done();
        if (Boolean.TRUE.equals(accepted) && !fromGiven) {
            ctx.error(o.child("registeredFrom"), "required when new CCERs are accepted (the first registration day)");
            return null;
        }
        return accepted == null || (fromGiven && from == null) ? null : new CcerOffsetRule.NewCcer(accepted, from);
    }

    VintageRule readVintages() {
        Obj o = root.obj("vintages");
        if (o == null) {
            return null;
        }
        RuleValue<Map<Integer, String>> allocation = rv(o, "allocation", (p, n) -> {
            if (!n.isObject()) {
                ctx.error(p, "must be an object {year: vintage}");
                return null;
            }
            Obj a = new Obj(ctx, p, n);
            Map<Integer, String> m = new LinkedHashMap<>();
            for (String yk : a.keys()) {
                Integer y = yearKey(a.child(yk), yk);
                String v = a.get(yk, text(ctx));
                if (y != null && v != null) {
                    m.put(y, v);
                }
            }
            for (Integer y : years) {
                if (!m.containsKey(y) && !n.has(String.valueOf(y))) {
                    ctx.error(a.child(String.valueOf(y)), "missing (every compliance year needs its vintage)");
                }
            }
            return Collections.unmodifiableMap(m);
        });
        Obj el = o.obj("eligible");
        Map<Integer, RuleValue<List<String>>> eligible = new LinkedHashMap<>();
        if (el != null) {
            for (String yk : el.keys()) {
                Integer y = yearKey(el.child(yk), yk);
                RuleValue<List<String>> v = rv(el, yk, listOf(ctx, text(ctx), false));
                if (y != null && v != null) {
                    eligible.put(y, v);
                }
            }
            el.allKeysSeen();
            for (Integer y : years) {
                if (!el.node.has(String.valueOf(y))) {
                    ctx.error(el.child(String.valueOf(y)), "missing (every compliance year needs its eligible vintages)");
                }
            }
        }
        RuleValue<List<String>> borrowedOnly = rv(o, "borrowedOnly", listOf(ctx, text(ctx), true));
        o.done();
        return allocation == null || el == null || borrowedOnly == null ? null
                : new VintageRule(allocation, Collections.unmodifiableMap(eligible), borrowedOnly);
    }

    Map<String, Deadline> readDeadlines(ZoneId zone) {
        Obj o = root.obj("deadlines");
        if (o == null) {
            return Map.of();
        }
        Map<String, Deadline> out = new LinkedHashMap<>();
        Set<StageAction> bound = EnumSet.noneOf(StageAction.class);
        for (String key : o.keys()) {
            Obj d = o.obj(key);
            if (d == null) {
                continue;
            }
            RuleValue<LocalDate> date = rvFrom(d, date(ctx));
            DeadlineKind kind = d.get("kind", enumOf(ctx, DeadlineKind.class));
            String description = d.get("description", text(ctx));
            JsonNode applies = d.raw("appliesTo");
            List<StageAction> appliesTo = applies == null ? List.of()
                    : listOf(ctx, enumOf(ctx, StageAction.class), true).convert(d.child("appliesTo"), applies);
            d.done();
            for (StageAction a : appliesTo == null ? List.<StageAction>of() : appliesTo) {
                if (!bound.add(a)) {
                    ctx.error(d.child("appliesTo"), a + " is bound by another deadline already (one each)");
                }
            }
            if (date != null && kind != null && description != null && zone != null) {
                out.put(key, new Deadline(key, date, kind, description, zone, appliesTo));
            }
        }
        o.allKeysSeen();
        return Collections.unmodifiableMap(out);
    }

    ComplianceTarget complianceTarget(String path, JsonNode n, Map<String, Deadline> deadlines) {
        if (!n.isObject()) {
            ctx.error(path, "must be an object {deadline, shareOfEntities}");
            return null;
        }
        Obj o = new Obj(ctx, path, n);
        String deadline = o.get("deadline", text(ctx));
        BigDecimal share = o.get("shareOfEntities", share(ctx));
        o.done();
        if (deadline != null && !deadlines.containsKey(deadline)) {
            ctx.error(o.child("deadline"), "unknown deadline '" + deadline + "'");
            return null;
        }
        return deadline == null || share == null ? null : new ComplianceTarget(deadline, share);
    }

    void checkDeadlineRef(RuleValue<String> ref, Map<String, Deadline> deadlines) {
        if (ref != null && !deadlines.containsKey(ref.value())) {
            ctx.error(ref.path() + ".value", "unknown deadline '" + ref.value() + "' (deadlines: "
                    + String.join(", ", deadlines.keySet()) + ")");
        }
    }

    /** {@code {operating: REGISTRY|PROVINCE, special: REGISTRY|PROVINCE}}. */
    NoticeSenders noticeSenders(String path, JsonNode n) {
        if (!n.isObject()) {
            ctx.error(path, "must be an object {operating, special}");
            return null;
        }
        Obj o = new Obj(ctx, path, n);
        Conv<NoticeSenders.Sender> sender = enumOf(ctx, NoticeSenders.Sender.class);
        NoticeSenders.Sender operating = o.get("operating", sender);
        NoticeSenders.Sender special = o.get("special", sender);
        o.done();
        return operating == null || special == null ? null : new NoticeSenders(operating, special);
    }

    /** Optional (versions stored before it existed have none): {@code fineRangeCny {value: {min, max}}}. */
    PenaltyRule readPenalties() {
        if (root.raw("penalties") == null) {
            return null;
        }
        Obj o = root.obj("penalties");
        RuleValue<FineRange> range = rv(o, "fineRangeCny", (p, n) -> {
            if (!n.isObject()) {
                ctx.error(p, "must be an object {min, max}");
                return null;
            }
            Obj r = new Obj(ctx, p, n);
            BigDecimal min = r.get("min", positive(ctx));
            BigDecimal max = r.get("max", positive(ctx));
            r.done();
            if (min != null && max != null && min.compareTo(max) > 0) {
                ctx.error(p, "min must not be above max");
                return null;
            }
            return min == null || max == null ? null : new FineRange(min, max);
        });
        o.done();
        return range == null ? null : new PenaltyRule(range);
    }

    RoundingRules readRounding() {
        Obj o = root.obj("rounding");
        if (o == null) {
            return null;
        }
        Set<RoundingMode> modes = EnumSet.complementOf(EnumSet.of(RoundingMode.UNNECESSARY));
        Conv<RoundingMode> mode = enumOf(ctx, RoundingMode.class, modes);
        RuleValue<RoundingMode> unit = rv(o, "unitAllowance", mode);
        RuleValue<RoundingMode> pre = rv(o, "unitPreAllocation", mode);
        RuleValue<RoundingMode> floor = rv(o, "floor", mode);
        RuleValue<RoundingMode> borrowing = rv(o, "borrowingCeiling", mode);
        RuleValue<RoundingMode> ccer = rv(o, "ccerCap", mode);
        o.done();
        return unit == null || pre == null || floor == null || borrowing == null || ccer == null ? null
                : new RoundingRules(unit, pre, floor, borrowing, ccer);
    }

    NetPurchaseReporting readNetPurchaseReporting() {
        Obj o = root.obj("netPurchaseReporting");
        if (o == null) {
            return null;
        }
        RuleValue<LocalDate> first = rv(o, "feedFirstDay", date(ctx));
        RuleValue<LocalDate> last = rv(o, "feedLastDay", date(ctx));
        RuleValue<Integer> days = rv(o, "maxWeekDays", atLeastOne());
        RuleValue<Integer> months = rv(o, "weeklyReportsMonthsBeforeDeadline", atLeastOne());
        o.done();
        if (first != null && last != null && last.value().isBefore(first.value())) {
            ctx.error(last.path() + ".value", "must not be before feedFirstDay (" + first.value() + ")");
            return null;
        }
        return first == null || last == null || days == null || months == null ? null
                : new NetPurchaseReporting(first, last, days, months);
    }

    private Conv<Integer> atLeastOne() {
        return (p, n) -> {
            Integer v = integer(ctx).convert(p, n);
            if (v != null && v < 1) {
                ctx.error(p, "must be >= 1 (was " + v + ")");
                return null;
            }
            return v;
        };
    }

    Settings readSettings() {
        Obj o = root.obj("settings");
        if (o == null) {
            return null;
        }
        RuleValue<GasUnitRelief> gas = setting(o, "gasUnitRelief", GasUnitRelief.class);
        RuleValue<GapRateDenominator> gap = setting(o, "gapRateDenominator", GapRateDenominator.class);
        RuleValue<LoadFactorScope> scope = setting(o, "loadFactorCorrectionScope", LoadFactorScope.class);
        o.done();
        return gas == null || gap == null || scope == null ? null : new Settings(gas, gap, scope);
    }

    /** A setting: a rule value naming an enum constant, with an optional list of the options. */
    <E extends Enum<E>> RuleValue<E> setting(Obj parent, String field, Class<E> type) {
        Obj o = parent.obj(field);
        if (o == null) {
            return null;
        }
        RuleValue<E> v = rvFrom(o, enumOf(ctx, type));
        JsonNode options = o.raw("options");
        if (options != null) {
            List<E> opts = listOf(ctx, enumOf(ctx, type), false).convert(o.child("options"), options);
            if (opts != null && v != null && !opts.contains(v.value())) {
                ctx.error(o.child("options"), "must include the value " + v.value());
            }
        }
        o.done();
        return v;
    }
}
