package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.Consequences;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The JSON names the season reads in issue 12's answers, in one place: the carry-over statements, the deadlines, the
 * verification job's errors, the account freeze. The services were built alongside the season; where a name turns
 * out different, change it here (each list is tried in order, the first present wins).
 */
final class ApiFields {

    private ApiFields() {
    }

    // ---- carry-over: GET /cycles/{cycle}/entities/{uscc}/carry-over and GET /cycles/{cycle}/carry-over?province=
    /** the lines of one entity's statement */
    static final List<String> LINES = List.of("lines", "items", "deductions");
    /** the entities of a province's statements (or the answer is an array) */
    static final List<String> STATEMENTS = List.of("items", "entities", "statements", "rows");
    static final List<String> USCC = List.of("uscc");
    static final List<String> KIND = List.of("kind", "type");
    static final List<String> YEAR = List.of("complianceYear", "year");
    static final List<String> QUANTITY = List.of("quantityT", "amountT", "owedT");
    /** a line is cancelled when one of these is true, a text, or the status says so */
    static final List<String> CANCELLED = List.of("cancelled", "cancelledAt");
    static final List<String> LINE_STATUS = List.of("status", "state");
    static final List<String> CANCELLED_STATUSES = List.of("CANCELLED", "CANCELED");
    /** the service's kind → the season's */
    static final Map<String, String> KINDS = Map.of(
            "BORROWING_REPAYMENT", Consequences.BORROWING_REPAYMENT,
            "BORROWING", Consequences.BORROWING_REPAYMENT,
            "RELIEF_ADVANCE", Consequences.RELIEF_ADVANCE,
            "RELIEF", Consequences.RELIEF_ADVANCE,
            "SHORTFALL", Consequences.SHORTFALL,
            "UNCURED_SHORTFALL", Consequences.SHORTFALL);

    // ---- deadlines: GET /cycles/{cycle}/deadlines?province=
    static final List<String> DEADLINES = List.of("deadlines", "items");
    static final List<String> DEADLINE_NAME = List.of("name", "deadline", "key");
    static final List<String> DEADLINE_STATE = List.of("state", "status");
    static final List<String> DEADLINE_REASON = List.of("lateReason", "reason");
    /** the rulebook deadline a verification run (and the compliance notice) is judged by */
    static final String VERIFICATION_DEADLINE = "issuanceAndComplianceNotice";
    static final String TABLES_DEADLINE = "allocationTablesSubmission";

    // ---- verification job (GET /jobs/{id}): the entity-years without verified data
    static final List<String> JOB_ERRORS = List.of("errors");
    static final List<String> ERROR_USCC = List.of("uscc");

    // ---- account freeze: POST /accounts/{uscc}/freezes answer, GET /accounts/{uscc}
    static final List<String> FREEZE_ID = List.of("id");
    static final List<String> FROZEN = List.of("frozen");
    static final String ACCOUNT_FROZEN_PROBLEM = "account-frozen";

    // ---- offset-service: POST /api/offsets/applications beyond what the year still owes
    static final String OFFSET_EXCEEDS_PROBLEM = "offset-exceeds-remaining-obligation";

    // ---- forced surrender order (GET /forced-surrenders/{id}), as today
    static final List<String> ORDER_YEARS = List.of("years");
    static final List<String> ORDER_LINES = List.of("lines");
    static final List<String> ORDER_SHORTFALL = List.of("shortfallT");

    static JsonNode field(JsonNode n, List<String> names) {
        for (String name : names) {
            if (n.has(name) && !n.get(name).isNull()) {
                return n.get(name);
            }
        }
        return n.path(names.get(0));
    }

    static JsonNode array(JsonNode n, List<String> names) {
        return n.isArray() ? n : field(n, names);
    }

    static String text(JsonNode n, List<String> names) {
        return field(n, names).asText("");
    }

    static long number(JsonNode n, List<String> names) {
        return field(n, names).asLong(0);
    }

    static boolean cancelled(JsonNode line) {
        for (String name : CANCELLED) {
            JsonNode v = line.path(name);
            if (v.isBoolean() ? v.asBoolean() : v.isTextual() && !v.asText().isBlank()) {
                return true;
            }
        }
        return CANCELLED_STATUSES.contains(text(line, LINE_STATUS));
    }

    /** The season's name of a line's kind (the service's when unknown, so that it shows in a mismatch). */
    static String kind(JsonNode line) {
        String k = text(line, KIND);
        return KINDS.getOrDefault(k, k);
    }
}
