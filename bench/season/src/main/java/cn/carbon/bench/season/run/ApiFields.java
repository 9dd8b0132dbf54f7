package cn.carbon.bench.season.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON names the season reads in issue 12's answers, in one place: the carry-over statements, the deadlines, the
 * verification job's errors, the account freeze.
 */
final class ApiFields {

    private ApiFields() {
    }

    // ---- carry-over: GET /cycles/{cycle}/entities/{uscc}/carry-over → statement.lines[{kind, complianceYear,
    // quantityT, state}]; GET /cycles/{cycle}/carry-over?province= → items[{uscc, kind, compliance_year, quantity_t,
    // state}] (one row per line, paged)
    static final String ENTITY_STATEMENT = "statement";
    static final String ENTITY_LINES = "lines";
    static final String PROVINCE_ROWS = "items";
    /** a line's state: OWED counts, CANCELLED is kept as history (a late compliance), SUPERSEDED is neither */
    static final String OWED = "OWED";
    static final String CANCELLED = "CANCELLED";

    /** One line, whichever of the two answers it came from. */
    record Line(String uscc, String kind, String year, long quantityT, String state) {
        static Line ofEntity(JsonNode l) {
            return new Line(null, l.path("kind").asText(), l.path("complianceYear").asText(""),
                    l.path("quantityT").asLong(), l.path("state").asText());
        }

        static Line ofProvinceRow(JsonNode r) {
            return new Line(r.path("uscc").asText(), r.path("kind").asText(), r.path("compliance_year").asText(""),
                    r.path("quantity_t").asLong(), r.path("state").asText());
        }
    }

    // ---- deadlines: GET /cycles/{cycle}/deadlines?province=
    static final String DEADLINES = "deadlines";
    static final String DEADLINE_NAME = "key";
    static final String DEADLINE_STATE = "state";
    static final String DEADLINE_REASON = "lateReason";
    /** the rulebook deadline a verification run (and the compliance notice) is judged by */
    static final String VERIFICATION_DEADLINE = "issuanceAndComplianceNotice";
    static final String TABLES_DEADLINE = "allocationTablesSubmission";

    // ---- verification job (GET /jobs/{id}): the entity-years without verified data
    static final String JOB_ERRORS = "errors";
    static final String ERROR_USCC = "uscc";

    // ---- account freeze: POST /accounts/{uscc}/freezes answer, GET /accounts/{uscc}
    static final String FREEZE_ID = "id";
    static final String FROZEN = "frozen";
    static final String ACCOUNT_FROZEN_PROBLEM = "account-frozen";

    // ---- offset-service: POST /api/offsets/applications beyond what the year still owes
    static final String OFFSET_EXCEEDS_PROBLEM = "offset-exceeds-remaining-obligation";

    // ---- forced surrender order (GET /forced-surrenders/{id}), as today
    static final String ORDER_YEARS = "years";
    static final String ORDER_LINES = "lines";
    static final String ORDER_SHORTFALL = "shortfallT";

    static JsonNode field(JsonNode n, String name) {
        return n.path(name);
    }

    static JsonNode array(JsonNode n, String name) {
        return n.isArray() ? n : field(n, name);
    }

    static String text(JsonNode n, String name) {
        return field(n, name).asText("");
    }

    static long number(JsonNode n, String name) {
        return field(n, name).asLong(0);
    }
}
