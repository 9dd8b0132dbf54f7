package cn.carbon.e2e.console;

import cn.carbon.e2e.Keycloak;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static cn.carbon.e2e.console.ConsoleBrowserIT.GANSU_B;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.enc;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.json;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national pages in a real browser on the stack, with the registry's and the ministry's own users only: the
 * dashboard's issuance per vintage and week-by-week charts (each with its table), a rulebook upload refused with its
 * fields listed (only an invalid document: a valid one would be a new version for everybody), the difference between
 * two versions of a cycle, the ministry deciding a Gansu relief application, and the national report with its CSV.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleNationalBrowserIT {

    /** A date after every season the stack's bench runs: the weekly view then has the completions it made. */
    static final String LATE_AS_OF = "2026-12-31";
    static final List<String> CYCLES = List.of("2021-2022", "2023", "2024", "2025");
    static String reliefId;

    /**
     * Gansu's test entities registered and verified as ConsolePagesBrowserIT's set-up does (each step tolerates a
     * stack that ran it before), and a relief application of GANSU_B for 2022 for the ministry to decide: a new one,
     * or the one a former run left pending.
     */
    @BeforeAll
    static void aGansuReliefApplicationAwaitsTheMinistry() throws Exception {
        ConsolePagesBrowserIT.gansuIsVerifiedAndItsAllowancesIssued();
        String officer = Keycloak.user("gansu.officer");
        HttpResponse<String> applied = send(officer, "POST", "/api/allocation/cycles/2021-2022/relief-applications",
                "application/json", "{\"uscc\":\"" + GANSU_B + "\",\"complianceYear\":2022,\"quantityT\":1,"
                        + "\"publicServiceDuty\":\"城市集中供热\",\"reason\":\"浏览器测试：纾困申请\"}");
        if (applied.statusCode() == 201) {
            reliefId = json(applied).path("id").asText();
        } else {
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(409);
            assertThat(applied.body()).contains("relief-exists");
            for (JsonNode a : json(send(officer, "GET", "/api/allocation/cycles/2021-2022/relief-applications?status=PENDING",
                    null, null))) {
                if (a.path("uscc").asText().equals(GANSU_B) && a.path("complianceYear").asInt() == 2022) {
                    reliefId = a.path("id").asText();
                }
            }
        }
        assertThat(reliefId).as("a pending relief application of %s for 2022", GANSU_B).isNotBlank();
    }

    @Test
    @Order(1)
    void theRegistrySeesIssuancePerVintageAndTheWeeklyCharts() {
        try (Browser registry = new Browser()) {
            registry.signIn("registry.officer");
            registry.open("/console/national?cycle=2021-2022&asOf=" + LATE_AS_OF);
            assertThat(registry.text("h1")).isEqualTo("全国清缴进度");
            // ECharts draws on a canvas: the chart is there, and its figures are in the table beside it
            assertThat(registry.all("#issuance-chart canvas")).isNotEmpty();
            WebElement vintage2021 = registry.find("#issuance-table tr[data-vintage='2021']");
            assertThat(Long.parseLong(vintage2021.getAttribute("data-issued"))).isPositive();
            assertThat(vintage2021.getText()).matches("(?s)2021\\s+[0-9,]+.*");
            assertThat(registry.unlabelledFields()).isEmpty();
            registry.screenshot("60-national-issuance-per-vintage");

            scrollTo(registry, "weekly");
            String scope = registry.text("#weekly-scope");
            assertThat(scope).contains("全国").contains("2021");
            if (registry.all("#weekly-none").isEmpty()) {
                assertThat(registry.all("#weekly-chart canvas")).isNotEmpty();
                assertThat(registry.all("#weekly-tonnes-chart canvas")).isNotEmpty();
                List<WebElement> weeks = registry.all("#weekly-table tr[data-week]");
                assertThat(weeks).isNotEmpty();
                // the share only grows, week by week, and never passes 100 %
                double last = -1;
                for (WebElement w : weeks) {
                    double share = Double.parseDouble(w.findElement(org.openqa.selenium.By.cssSelector("td:nth-child(4)"))
                            .getText().replace("%", "").strip());
                    assertThat(share).isBetween(last, 100.0);
                    last = share;
                }
            } else {
                // a stack where no entity has complied yet: said so, and no empty chart drawn
                assertThat(registry.all("#weekly-chart")).isEmpty();
            }
            registry.screenshot("61-national-weekly-progress");

            // one province picked with the keyboard-operable form (no JavaScript needed)
            new Select(registry.find("#weekly-province")).selectByValue("620000");
            registry.find("#national-submit").click();
            assertThat(registry.text("#weekly-scope")).contains("甘肃省");
            assertThat(registry.url()).contains("province=620000").contains("asOf=" + LATE_AS_OF);
            registry.screenshot("62-national-weekly-gansu");
        }
    }

    @Test
    @Order(2)
    void anInvalidRulebookIsRefusedWithItsFieldsAndTwoVersionsAreCompared() throws Exception {
        try (Browser registry = new Browser()) {
            registry.signIn("registry.officer");
            registry.open("/console/registry/rulebooks?cycle=2023");
            int versionsBefore = registry.all("#rulebook-versions tr[data-version]").size();
            assertThat(versionsBefore).isPositive();
            assertThat(registry.unlabelledFields()).isEmpty();

            Path invalid = Files.createTempFile("rulebook-invalid-", ".json");
            Files.writeString(invalid, "{\"cycle\":\"2023\",\"rulebookId\":\"browser-test\"}", StandardCharsets.UTF_8);
            registry.find("#upload-file").sendKeys(invalid.toAbsolutePath().toString());
            registry.find("#upload-submit").click();
            String problem = registry.text("#upload-errors");
            assertThat(problem).contains("规则文件未通过校验");
            assertThat(registry.all("#upload-errors tr.row-error[data-column='benchmarks']")).hasSize(1);
            assertThat(registry.all("#upload-errors tr.row-error[data-column='rulebookId']")).hasSize(1);
            assertThat(registry.attribute("#upload-file", "aria-invalid")).isEqualTo("true");
            assertThat(registry.text("#upload-file-error")).isNotBlank();
            // nothing stored
            assertThat(registry.all("#rulebook-versions tr[data-version]")).hasSize(versionsBefore);
            scrollTo(registry, "upload-errors");
            registry.screenshot("63-rulebook-upload-refused");

            String compared = null;
            for (String cycle : CYCLES) {
                registry.open("/console/registry/rulebooks?cycle=" + enc(cycle));
                if (registry.all("#rulebook-versions tr[data-version]").size() >= 2) {
                    compared = cycle;
                    break;
                }
                assertThat(registry.text("#diff-single")).contains("只有一个规则版本");
            }
            if (compared == null) {
                // a stack with one version of every cycle: each says so (checked above), and no diff form is offered
                assertThat(registry.all("#diff-form")).isEmpty();
                registry.screenshot("64-rulebook-single-version");
            } else {
                // the newest two versions are preselected
                registry.find("#diff-submit").click();
                assertThat(registry.all("#rulebook-diff tr[data-kind]")).isNotEmpty();
                assertThat(registry.all("#rulebook-diff tr[data-path='version'][data-kind='CHANGED']")).hasSize(1);
                registry.screenshot("64-rulebook-diff-" + compared);
            }
        }
    }

    @Test
    @Order(3)
    void theMinistryDecidesAReliefApplicationAndSeesTheDecision() {
        try (Browser ministry = new Browser()) {
            ministry.signIn("ministry.officer");
            assertThat(ministry.url()).endsWith("/console/national");
            // the ledger's totals are the registry's: the ministry's dashboard leaves the section out
            assertThat(ministry.all("#national")).hasSize(1);
            assertThat(ministry.all("#issuance")).isEmpty();
            ministry.find("#nav-relief").click();
            assertThat(ministry.text("h1")).isEqualTo("纾困申请审批");
            WebElement row = ministry.find("#relief-applications tr[data-id='" + reliefId + "']");
            assertThat(row.getAttribute("data-status")).isEqualTo("PENDING");
            assertThat(row.getText()).contains(GANSU_B).contains("甘肃省").contains("城市集中供热");
            assertThat(ministry.unlabelledFields()).isEmpty();
            ministry.screenshot("65-ministry-relief-applications");

            // more than requested: the service's refusal beside the application, at the quantity
            new Select(ministry.find("#decision-" + reliefId)).selectByValue("APPROVE");
            ministry.find("#quantity-" + reliefId).sendKeys("999999");
            ministry.find("#note-" + reliefId).sendKeys("浏览器测试：超过申请数量");
            ministry.find("#decide-" + reliefId + "-submit").click();
            assertThat(ministry.text("#decision-errors")).contains("请求内容有误");
            assertThat(ministry.attribute("#quantity-" + reliefId, "aria-invalid")).isEqualTo("true");
            assertThat(ministry.text("#quantity-" + reliefId + "-error")).isNotBlank();
            scrollTo(ministry, "decision-errors");
            ministry.screenshot("66-ministry-relief-refused-at-field");

            // rejected with the keyboard alone, Tab from the top of the page (an approval would issue allowances to
            // a Gansu entity other suites count)
            WebElement decision = Browser.tabTo(ministry, "decision-" + reliefId);
            decision.sendKeys(Keys.ARROW_DOWN);
            assertThat(new Select(ministry.find("#decision-" + reliefId)).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("REJECT");
            Browser.tabTo(ministry, "quantity-" + reliefId).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            Browser.tabTo(ministry, "note-" + reliefId)
                    .sendKeys(Keys.chord(Keys.CONTROL, "a"), "浏览器测试：不符合纾困条件");
            Browser.tabTo(ministry, "decide-" + reliefId + "-submit").sendKeys(Keys.ENTER);
            assertThat(ministry.text("#decision-done")).contains("审核决定已记录").contains("未批准");
            WebElement decided = ministry.find("#relief-applications tr[data-id='" + reliefId + "']");
            assertThat(decided.getAttribute("data-status")).isEqualTo("REJECTED");
            assertThat(decided.getText()).contains("ministry.officer").contains("浏览器测试：不符合纾困条件");
            assertThat(ministry.all("#decide-" + reliefId)).isEmpty();
            ministry.screenshot("67-ministry-relief-decided");
        }
    }

    @Test
    @Order(4)
    void theNationalReportHasItsTotalsAndItsCsv() {
        try (Browser ministry = new Browser()) {
            ministry.signIn("ministry.officer");
            ministry.find("#nav-report").click();
            assertThat(ministry.text("h1")).isEqualTo("全国履约情况报告");
            ministry.open("/console/ministry/report?cycle=2021-2022&asOf=" + LATE_AS_OF);
            List<WebElement> totals = ministry.all("#national-report tr[data-province='ALL']");
            assertThat(totals).extracting(t -> t.getAttribute("data-year")).containsExactly("2021", "2022");
            WebElement gansu = ministry.find("#national-report tr[data-province='620000'][data-year='2021']");
            assertThat(gansu.getText()).startsWith("甘肃省");
            long gansuEntities = number(gansu, 3);
            long nationalEntities = number(totals.get(0), 3);
            assertThat(gansuEntities).isGreaterThanOrEqualTo(2);
            // the national total is the sum of the provinces' rows (only Gansu's on a stack where no other suite ran)
            long provinces = 0;
            for (WebElement row : ministry.all("#national-report tr[data-year='2021']:not([data-province='ALL'])")) {
                provinces += number(row, 3);
            }
            assertThat(nationalEntities).isEqualTo(provinces).isGreaterThanOrEqualTo(gansuEntities);
            // the statuses of the total add up to its entities
            long byStatus = 0;
            for (int column = 8; column <= 12; column++) {
                byStatus += number(totals.get(0), column);
            }
            assertThat(byStatus).isEqualTo(nationalEntities);
            assertThat(totals.get(0).getText()).contains("全国合计");
            assertThat(ministry.unlabelledFields()).isEmpty();
            ministry.screenshot("68-ministry-national-report");

            HttpResponse<byte[]> csv = ministry.download(ministry.find("#report-csv").getAttribute("href")
                    .replaceFirst("^https?://[^/]+", ""));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                    .contains("national-compliance-report-2021-2022-" + LATE_AS_OF + ".csv");
            String text = new String(csv.body(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("\uFEFFprovince,province_name,compliance_year,entities,obligation_t");
            assertThat(text.lines()).anyMatch(l -> l.startsWith("620000,甘肃省,2021," + gansuEntities + ","))
                    .anyMatch(l -> l.startsWith("ALL,全国合计,2021," + nationalEntities + ","));
            ministry.find("a[lang=en]").click();
            assertThat(ministry.text("h1")).isEqualTo("National compliance report");
            assertThat(ministry.text("#national-report tr[data-province='ALL'][data-year='2021']")).contains("National total");
            ministry.screenshot("69-ministry-national-report-english");
            ministry.find("a[lang=zh-CN]").click();
        }
    }

    private static void scrollTo(Browser browser, String id) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static long number(WebElement row, int column) {
        return Long.parseLong(row.findElement(org.openqa.selenium.By.cssSelector(":scope > :nth-child(" + column + ")"))
                .getText().replace(",", "").strip());
    }
}
