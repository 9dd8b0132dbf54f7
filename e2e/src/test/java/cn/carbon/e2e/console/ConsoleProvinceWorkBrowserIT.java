package cn.carbon.e2e.console;

import cn.carbon.e2e.Keycloak;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;

import static cn.carbon.e2e.console.ConsolePagesBrowserIT.enc;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.json;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.send;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.until;
import static cn.carbon.e2e.console.Browser.tabTo;
import static cn.carbon.e2e.console.Browser.tabUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The province's remaining work pages in a real browser, in Ningxia (640000), which only this suite uses: registering
 * an entity, the unit-data import with a bad row, and the entity's special status, with the keyboard alone; relief
 * (纾困) applied for and listed pending; a forced surrender entrusted by the province and executed by the registry; the
 * entity's late-compliance request and the province's list of them. Two entities of its own are registered fresh on
 * each run (their USCC computed with the GB 32100 check character), so the suite runs again on the same stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleProvinceWorkBrowserIT {

    static final String ENTITY = "91640000MA0000301K";
    static final String PROVINCE = "640000";
    static final String LATE = "浏览器测试：截止日期后补办";
    /** Fresh each run: one applies for relief, one (a compliance risk, its allowances in custody) is surrendered by force. */
    static final String RELIEF = fresh();
    static final String FORCED = fresh();
    static boolean verified;

    @BeforeAll
    static void twoFreshEntitiesOfNingxia() throws Exception {
        String officer = Keycloak.user("ningxia.officer");
        for (String uscc : List.of(RELIEF, FORCED)) {
            HttpResponse<String> r = send(officer, "POST", "/api/allocation/entities", "application/json",
                    "{\"uscc\":\"" + uscc + "\",\"name\":\"宁夏测试电厂" + uscc.substring(10, 17) + "\",\"provinceCode\":\""
                            + PROVINCE + "\",\"sector\":\"POWER\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> risk = send(officer, "PUT", "/api/allocation/entities/" + FORCED + "/status",
                "application/json", "{\"status\":\"COMPLIANCE_RISK\",\"reasons\":[\"DEBT\"],\"specialNote\":\"浏览器测试\","
                        + "\"why\":\"浏览器测试：配额由省级托管\"}");
        assertThat(risk.statusCode()).as(risk.body()).isEqualTo(200);
        // emissions far above what the benchmark allocates: a gap to relieve, and a shortfall after forced surrender
        String csv = ConsoleBrowserIT.csv(
                ConsoleBrowserIT.row(RELIEF, "U1", 2021, 500_000, 900_000, "0"),
                ConsoleBrowserIT.row(RELIEF, "U1", 2022, 500_000, 900_000, "0"),
                ConsoleBrowserIT.row(FORCED, "U1", 2021, 500_000, 900_000, "0"),
                ConsoleBrowserIT.row(FORCED, "U1", 2022, 500_000, 900_000, "0"));
        HttpResponse<String> imported = send(officer, "POST", "/api/allocation/cycles/2021-2022/units:import?lateReason="
                + enc(LATE), "text/csv", csv);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void theOfficerRegistersImportsAndSetsTheSpecialStatusWithTheKeyboardAlone() throws Exception {
        try (Browser officer = new Browser()) {
            officer.open("/console/");
            tabTo(officer, "signin").sendKeys(Keys.ENTER);
            officer.find("#username");
            tabTo(officer, "username").sendKeys("ningxia.officer");
            tabTo(officer, "password").sendKeys(Browser.PASSWORD, Keys.ENTER);
            officer.find("#nav-register");
            tabTo(officer, "nav-register").sendKeys(Keys.ENTER);

            // registered now, or already by an earlier run: then the refusal is named at the USCC field
            officer.find("#register-form");
            assertLabelled(officer);
            tabTo(officer, "register-uscc").sendKeys(ENTITY);
            tabTo(officer, "register-name").sendKeys("宁夏测试电厂301");
            tabTo(officer, "register-submit").sendKeys(Keys.ENTER);
            until(() -> officer.all("#register-ok").size() + officer.all("#register-errors").size() > 0);
            if (officer.all("#register-ok").isEmpty()) {
                assertThat(officer.text("#register-errors")).contains("该单位已登记").contains(ENTITY);
                assertThat(officer.find("#register-uscc").getAttribute("aria-invalid")).isEqualTo("true");
                assertThat(officer.text("#register-uscc-error")).isEqualTo("该单位已登记");
            } else {
                assertThat(officer.url()).contains("/console/province/entities/" + ENTITY);
                assertThat(officer.text("#entity-uscc")).isEqualTo(ENTITY);
            }
            officer.screenshot("50-province-register-entity");

            // the import: a bad row is named with its column, nothing imported; then the good file
            tabTo(officer, "nav-province").sendKeys(Keys.ENTER);
            importByKeyboard(officer, ConsoleBrowserIT.csv(
                    ConsoleBrowserIT.row(ENTITY, "U1", 2021, 600_000, 560_000, "0"),
                    ConsoleBrowserIT.row(ENTITY, "U1", 2022, 610_000, 565_000, "1.5")), "ningxia-bad.csv");
            assertThat(officer.text("#import-errors")).contains("机组数据未通过校验").contains("供热比");
            assertThat(officer.attribute("#import-errors tr.row-error", "data-row")).isEqualTo("2");
            assertThat(officer.attribute("#import-errors tr.row-error", "data-column")).isEqualTo("heat_ratio");
            officer.screenshot("51-province-import-bad-row");
            importByKeyboard(officer, ConsoleBrowserIT.csv(
                    ConsoleBrowserIT.row(ENTITY, "U1", 2021, 600_000, 560_000, "0"),
                    ConsoleBrowserIT.row(ENTITY, "U1", 2022, 610_000, 565_000, "0")), "ningxia-good.csv");
            assertThat(officer.text("#import-ok")).contains("ningxia-good.csv");
            officer.screenshot("52-province-import-done");

            // the entity's page from the list, and its special status: a compliance risk with two reasons and a note
            tabUntil(officer, e -> ("/console/province/entities/" + ENTITY).equals(e.getDomAttribute("href")))
                    .sendKeys(Keys.ENTER);
            officer.find("#status-form");
            assertLabelled(officer);
            WebElement status = tabTo(officer, "status-status");
            for (int i = 0; i < 4 && !"COMPLIANCE_RISK".equals(selected(officer, "#status-status")); i++) {
                status.sendKeys(Keys.ARROW_DOWN);
            }
            assertThat(selected(officer, "#status-status")).isEqualTo("COMPLIANCE_RISK");
            for (String reason : List.of("LITIGATION", "DEBT")) {
                WebElement box = tabTo(officer, "reason-" + reason);
                if (!box.isSelected()) {
                    box.sendKeys(Keys.SPACE);
                }
                assertThat(box.isSelected()).isTrue();
            }
            String note = "浏览器测试：涉诉及债务风险 " + System.currentTimeMillis();
            WebElement noteField = tabTo(officer, "status-note");
            noteField.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            noteField.sendKeys(note);
            tabTo(officer, "status-why").sendKeys("浏览器测试：法院受理债务纠纷");
            tabTo(officer, "status-submit").sendKeys(Keys.ENTER);
            assertThat(officer.attribute("#status-ok", "data-status")).isEqualTo("COMPLIANCE_RISK");
            List<WebElement> history = officer.all("#status-history tr[data-status='COMPLIANCE_RISK']");
            assertThat(history).isNotEmpty();
            assertThat(officer.text("#status-history")).contains(note).contains("涉诉").contains("债务风险")
                    .contains("ningxia.officer");
            officer.screenshot("53-province-special-status-history");
        }
    }

    @Test
    @Order(2)
    void theEntityAsksForLateComplianceWithTheKeyboardAndTheProvinceListsTheRequests() {
        try (Browser entity = new Browser()) {
            entity.signIn("entity." + ENTITY);
            entity.find("#nav-late-compliance");
            tabTo(entity, "nav-late-compliance").sendKeys(Keys.ENTER);
            entity.find("#late-form");
            assertLabelled(entity);
            tabTo(entity, "late-reason").sendKeys("浏览器测试：资金到位较晚");
            tabTo(entity, "late-submit").sendKeys(Keys.ENTER);
            // the stack's business clock replays July 2023, before the 2023-12-31 deadline: the service refuses,
            // and says so at the year's field
            assertThat(entity.text("#late-errors")).contains("清缴截止日尚未到");
            assertThat(entity.find("#late-year").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(entity.find("#late-reason").getAttribute("value")).isEqualTo("浏览器测试：资金到位较晚");
            entity.screenshot("54-entity-late-compliance-refused");
        }
        try (Browser officer = new Browser()) {
            officer.signIn("ningxia.officer");
            officer.find("#nav-late").click();
            assertThat(officer.text("h1")).startsWith("逾期履约确认");
            assertThat(officer.find("#late-requests")).isNotNull();
            officer.all("#late-requests tr[data-uscc]").forEach(r ->
                    assertThat(r.getAttribute("data-uscc")).startsWith("9164"));
            assertLabelled(officer);
            officer.screenshot("59-province-late-compliance");
        }
    }

    @Test
    @Order(3)
    void theProvinceAppliesForReliefAndSeesItPending() throws Exception {
        verified();
        try (Browser officer = new Browser()) {
            officer.signIn("ningxia.officer");
            officer.find("#nav-relief").click();
            officer.find("#relief-form");
            assertLabelled(officer);
            new Select(officer.find("#relief-uscc")).selectByValue(RELIEF);
            new Select(officer.find("#relief-year")).selectByValue("2021");
            officer.find("#relief-quantity").sendKeys("1000");
            officer.find("#relief-duty").sendKeys("城市集中供热");
            officer.find("#relief-reason").sendKeys("浏览器测试：供热季燃料成本上涨");
            officer.find("#relief-submit").click();
            assertThat(officer.attribute("#relief-ok", "data-status")).isEqualTo("PENDING");
            assertThat(officer.attribute("#relief-applications tr[data-uscc='" + RELIEF + "']", "data-status"))
                    .isEqualTo("PENDING");
            assertThat(officer.text("#relief-applications tr[data-uscc='" + RELIEF + "']")).contains("待审批")
                    .contains("1,000");
            officer.screenshot("55-province-relief-pending");

            // the same year again: the service's refusal shown at the year
            new Select(officer.find("#relief-uscc")).selectByValue(RELIEF);
            new Select(officer.find("#relief-year")).selectByValue("2021");
            officer.find("#relief-quantity").sendKeys("1000");
            officer.find("#relief-duty").sendKeys("城市集中供热");
            officer.find("#relief-reason").sendKeys("再次申请");
            officer.find("#relief-submit").click();
            assertThat(officer.text("#relief-errors")).contains("已有待审批或已批准的纾困申请");
            assertThat(officer.find("#relief-year").getAttribute("aria-invalid")).isEqualTo("true");
        }
    }

    @Test
    @Order(4)
    void theProvinceEntrustsAForcedSurrenderAndTheRegistryExecutesIt() throws Exception {
        verified();
        try (Browser officer = new Browser()) {
            officer.signIn("ningxia.officer");
            officer.find("#nav-forced").click();
            officer.find("#entrust-form");
            assertLabelled(officer);
            new Select(officer.find("#entrust-uscc")).selectByValue(FORCED);
            officer.find("#entrust-submit").click();
            assertThat(officer.text("#entrust-ok")).contains(FORCED);
            assertThat(officer.attribute("#forced-orders tr[data-uscc='" + FORCED + "']", "data-status"))
                    .isEqualTo("ENTRUSTED");
            officer.screenshot("56-province-forced-surrender-entrusted");

            try (Browser registry = new Browser()) {
                registry.signIn("registry.officer");
                registry.open("/console/registry/reconciliation");
                registry.find("#nav-forced-execution").click();
                String id = registry.attribute("#entrusted-orders tr[data-uscc='" + FORCED + "']", "data-id");
                registry.find("#execute-" + id + "-submit").click();
                assertThat(registry.attribute("#execute-ok", "data-id")).isEqualTo(id);
                assertThat(Integer.parseInt(registry.attribute("#execute-ok", "data-lines"))).isPositive();
                // custody holds only what the benchmark allocated, the obligation is the emissions: short each year
                assertThat(Long.parseLong(registry.attribute("#execute-ok", "data-shortfall"))).isPositive();
                assertThat(registry.all("#execute-result tr[data-year]")).hasSize(2);
                assertThat(registry.text("#execute-result")).contains("省级托管账户");
                assertThat(registry.all("#entrusted-orders tr[data-uscc='" + FORCED + "']")).isEmpty();
                assertThat(registry.all("#executed-orders tr[data-id='" + id + "']")).hasSize(1);
                registry.screenshot("57-registry-forced-surrender-executed");
            }

            officer.find("#nav-forced").click();
            assertThat(officer.attribute("#forced-orders tr[data-uscc='" + FORCED + "']", "data-status"))
                    .isEqualTo("EXECUTED");
            assertThat(officer.text("#forced-orders tr[data-uscc='" + FORCED + "']")).contains("已执行")
                    .contains("registry.officer");
            officer.screenshot("58-province-forced-surrender-result");
        }
    }

    /** Pre-allocation and verification of Ningxia once, and the fresh entities' allowances and obligations arrived. */
    static synchronized void verified() throws Exception {
        if (verified) {
            return;
        }
        String officer = Keycloak.user("ningxia.officer");
        for (String run : List.of("pre-allocation", "verification")) {
            HttpResponse<String> job = send(officer, "POST", "/api/allocation/cycles/2021-2022/" + run + "?lateReason="
                    + enc(LATE), null, null);
            assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
            String id = json(job).path("id").asText();
            until(() -> !List.of("QUEUED", "RUNNING").contains(
                    json(send(Keycloak.user("ningxia.officer"), "GET", "/api/allocation/jobs/" + id, null, null))
                            .path("status").asText()));
        }
        until(() -> {
            String token = Keycloak.user("ningxia.officer");
            JsonNode years = json(send(token, "GET", "/api/surrender/compliance/" + FORCED + "?cycle=2021-2022", null, null))
                    .path("years");
            JsonNode custody = json(send(token, "GET", "/api/surrender/accounts/" + FORCED, null, null)).path("custody");
            return years.size() == 2 && years.get(0).path("obligationT").isNumber()
                    && years.get(1).path("obligationT").isNumber() && custody.size() > 0;
        });
        verified = true;
    }

    private static void importByKeyboard(Browser officer, String csv, String name) throws Exception {
        Path file = Files.createTempDirectory("ningxia-upload").resolve(name);
        Files.writeString(file, csv);
        officer.find("#import-form");
        // a file input takes its path typed in: the one keyboard way a browser driver has past the file dialog
        tabTo(officer, "import-file").sendKeys(file.toAbsolutePath().toString());
        WebElement late = tabTo(officer, "import-late");
        late.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        late.sendKeys(LATE);
        tabTo(officer, "import-submit").sendKeys(Keys.ENTER);
        until(() -> officer.all("#import-ok").size() + officer.all("#import-errors").size() > 0);
    }

    /** Every visible form field has a label naming it by {@code for}. */
    static void assertLabelled(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                  .filter(f => !f.id || !document.querySelector('label[for="' + CSS.escape(f.id) + '"]'))
                  .map(f => f.name || f.id || f.outerHTML);""");
        assertThat(unlabelled).as("fields without label[for] on %s", browser.url()).isEmpty();
        assertThat(browser.unlabelledFields()).isEmpty();
    }

    private static String selected(Browser browser, String css) {
        return new Select(browser.find(css)).getFirstSelectedOption().getAttribute("value");
    }

    /** A Ningxia USCC not seen before: 9164 0000 MB, seven random characters, and its GB 32100 check character. */
    static String fresh() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        SecureRandom random = new SecureRandom();
        StringBuilder code = new StringBuilder("91640000MB");
        while (code.length() < 17) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weights[i];
        }
        return code.append(alphabet.charAt((31 - sum % 31) % 31)).toString();
    }
}
