package cn.carbon.e2e.console;

import cn.carbon.e2e.Keycloak;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.carbon.e2e.console.Browser.tabTo;
import static cn.carbon.e2e.console.ConsoleBrowserIT.GANSU_A;
import static cn.carbon.e2e.console.ConsoleBrowserIT.GANSU_B;
import static cn.carbon.e2e.console.ConsoleBrowserIT.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's work pages in a real browser on the stack, in Gansu (620000), which only the console's suites use:
 * the entity's account (holdings by vintage, movements), a surrender done with the keyboard alone from sign-in to
 * result, its applications (a borrowing refusal shown at its field); the province's decisions and risk pages (a week
 * outside the final month named at its field); the registry's reconciliation, rulebook versions and a run by its id.
 * Independent of ConsoleBrowserIT's order: its own verification run gives the entities their allowances.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String verificationJob;

    @BeforeAll
    static void gansuIsVerifiedAndItsAllowancesIssued() throws Exception {
        ConsoleBrowserIT.register(GANSU_A, "甘肃测试电厂101", "620000");
        ConsoleBrowserIT.register(GANSU_B, "甘肃测试电厂102", "620000");
        String officer = Keycloak.user("gansu.officer");
        String csv = ConsoleBrowserIT.csv(
                ConsoleBrowserIT.row(GANSU_A, "U1", 2021, 800_000, 700_000, "0"),
                ConsoleBrowserIT.row(GANSU_A, "U1", 2022, 820_000, 710_000, "0"),
                ConsoleBrowserIT.row(GANSU_B, "U1", 2021, 500_000, 450_000, "0"),
                ConsoleBrowserIT.row(GANSU_B, "U1", 2022, 510_000, 455_000, "0"));
        HttpResponse<String> imported = send(officer, "POST", "/api/allocation/cycles/2021-2022/units:import?lateReason="
                + enc("浏览器测试：截止日期后补办"), "text/csv", csv);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        for (String run : List.of("pre-allocation", "verification")) {
            HttpResponse<String> job = send(officer, "POST", "/api/allocation/cycles/2021-2022/" + run + "?lateReason="
                    + enc("浏览器测试：截止日期后补办"), null, null);
            assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
            verificationJob = JSON.readTree(job.body()).path("id").asText();
            until(() -> !List.of("QUEUED", "RUNNING").contains(
                    json(send(officer, "GET", "/api/allocation/jobs/" + verificationJob, null, null)).path("status").asText()));
        }
        // the allowances reach surrender-service through Kafka
        until(() -> json(send(officer, "GET", "/api/surrender/accounts/" + GANSU_A, null, null)).path("holdings").size() > 0);
    }

    @Test
    @Order(1)
    void theEntitySeesItsHoldingsByVintageAndTheIssuanceInItsMovements() {
        try (Browser entity = new Browser()) {
            entity.signIn("entity." + GANSU_A);
            entity.open("/console/entity/account");
            assertThat(entity.text("#account-uscc")).isEqualTo(GANSU_A);
            assertThat(entity.all("#holdings tr[data-vintage]")).isNotEmpty();
            assertThat(entity.text("#holdings")).contains("2021");
            assertThat(entity.all("#movements tr[data-kind=ISSUE]")).isNotEmpty();
            assertThat(entity.text("#movements")).contains("配额发放").contains("国家配额发放账户");
            assertThat(entity.source()).doesNotContain(GANSU_B);
            entity.screenshot("21-entity-account");
            entity.find("a[lang=en]").click();
            assertThat(entity.text("h1")).isEqualTo("Allowance account");
            assertThat(entity.text("#movements")).contains("Issuance");
            entity.screenshot("22-entity-account-english");
        }
    }

    @Test
    @Order(2)
    void aSurrenderWithTheKeyboardAloneFromSignInToTheResult() {
        try (Browser entity = new Browser()) {
            entity.open("/console/");
            tabTo(entity, "signin").sendKeys(Keys.ENTER);
            entity.find("#username");
            tabTo(entity, "username").sendKeys("entity." + GANSU_A);
            tabTo(entity, "password").sendKeys(Browser.PASSWORD, Keys.ENTER);
            entity.find("#nav-surrender");
            tabTo(entity, "nav-surrender").sendKeys(Keys.ENTER);
            // the year's obligation comes from the verification run through Kafka: reload until it is there
            until(() -> {
                if (entity.text("#compliance tr[data-year='2021'] td:nth-child(2)").equals("—")) {
                    entity.driver().navigate().refresh();
                    return false;
                }
                return true;
            });
            assertThat(entity.unlabelledFields()).isEmpty();
            long remaining = tonnes(entity.text("#compliance tr[data-year='2021'] td:nth-child(4)"));

            // far more than held: the problem named at the quantity field
            tabTo(entity, "surrender-quantity").sendKeys("999999999");
            tabTo(entity, "surrender-submit").sendKeys(Keys.ENTER);
            assertThat(entity.text("#surrender-errors")).containsAnyOf("持有配额不足", "超过尚需清缴的数量");
            assertThat(entity.find("#surrender-quantity").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(entity.find("#surrender-quantity-error").getText()).isNotBlank();
            entity.screenshot("23-entity-surrender-problem-at-field");

            WebElement quantity = tabTo(entity, "surrender-quantity");
            quantity.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1000");
            tabTo(entity, "surrender-vintage").sendKeys("2021");
            assertThat(new Select(entity.find("#surrender-vintage")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("2021");
            tabTo(entity, "surrender-submit").sendKeys(Keys.ENTER);
            assertThat(entity.text("#surrender-ok")).contains("清缴成功").contains("2021").contains("1,000");
            assertThat(tonnes(entity.text("#surrender-remaining"))).isEqualTo(remaining - 1000);
            entity.screenshot("24-entity-surrender-done");
        }
    }

    @Test
    @Order(3)
    void theEntitysApplicationsAndABorrowingAboveItsCeilingRefusedAtTheField() {
        try (Browser entity = new Browser()) {
            entity.signIn("entity." + GANSU_A);
            entity.open("/console/entity/applications");
            assertThat(entity.find("#offset-applications")).isNotNull();
            assertThat(entity.unlabelledFields()).isEmpty();
            entity.find("#borrowing-quantity").sendKeys("999999999");
            entity.find("#borrowing-reason").sendKeys("浏览器测试：经营困难");
            entity.find("#borrowing-submit").click();
            String problem = entity.text("#borrowing-errors");
            assertThat(problem).containsAnyOf("超过可预支上限", "不符合预支条件");
            assertThat(entity.all("[aria-invalid=true]")).isNotEmpty();
            assertThat(entity.find("#borrowing-reason").getAttribute("value")).isEqualTo("浏览器测试：经营困难");
            entity.screenshot("25-entity-borrowing-refused");

            entity.open("/console/entity/applications/borrowing/00000000-0000-0000-0000-000000000000");
            assertThat(entity.text("#problem-title")).isEqualTo("未找到");
        }
    }

    @Test
    @Order(4)
    void theProvinceSeesItsDecisionsAndAWeekOutsideTheFinalMonthIsNamedAtTheField() {
        try (Browser officer = new Browser()) {
            officer.signIn("gansu.officer");
            officer.find("#nav-decisions").click();
            assertThat(officer.text("h1")).startsWith("审核事项");
            assertThat(officer.find("#borrowing-applications")).isNotNull();
            assertThat(officer.find("#offset-reviews")).isNotNull();
            assertThat(officer.source()).doesNotContain("91630000MA0000201R");
            assertThat(officer.unlabelledFields()).isEmpty();
            officer.screenshot("26-province-decisions");

            officer.find("#nav-risk").click();
            assertThat(officer.find("#alerts")).isNotNull();
            WebElement week = officer.find("#report-week");
            ((JavascriptExecutor) officer.driver()).executeScript("arguments[0].value = '2023-01-02'", week);
            officer.find("#report-submit").click();
            // no feed for that week (未找到) or a week outside the final month (named by the service)
            assertThat(officer.text("#report-errors")).containsAnyOf("未找到", "请求内容有误");
            assertThat(officer.find("#report-week").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(officer.text("#report-week-error")).isNotBlank();
            officer.screenshot("27-province-risk-week-refused");

            // GANSU_A holds its 2021 and 2022 allocations and sold nothing: far above the 10,000 t base, so flagged
            officer.find("#nav-carry-over").click();
            assertThat(officer.text("h1")).startsWith("配额结转上限");
            assertThat(officer.attribute("#carry-over-caps tr[data-uscc='" + GANSU_A + "']", "data-flagged"))
                    .isEqualTo("true");
            assertThat(officer.source()).doesNotContain("91630000MA0000201R");
            assertThat(officer.unlabelledFields()).isEmpty();
            officer.screenshot("27a-province-carry-over-caps");
            assertThat(new String(officer.download("/console/province/carry-over-caps/csv").body(),
                    java.nio.charset.StandardCharsets.UTF_8)).startsWith("uscc,name,province,sold_t,bought_t")
                    .contains(GANSU_A).doesNotContain("91630000MA0000201R");
        }
    }

    @Test
    @Order(5)
    void theRegistrySeesTheLedgerBalancedTheRulebookVersionsAndTheRun() {
        try (Browser registry = new Browser()) {
            registry.signIn("registry.officer");
            registry.open("/console/registry/reconciliation");
            assertThat(registry.find("#reconciliation-verdict").getAttribute("data-passed")).isEqualTo("true");
            assertThat(registry.all("#vintage-totals tr[data-vintage='2021']")).hasSize(1);
            assertThat(registry.find("#vintage-totals tr[data-vintage='2021']").getAttribute("data-sum")).isEqualTo("0");
            assertThat(registry.all("#invariants tr[data-passed=false]")).isEmpty();
            registry.screenshot("28-registry-reconciliation");

            registry.find("#nav-rulebooks").click();
            assertThat(registry.all("#rulebook-versions tr[data-version]")).isNotEmpty();
            registry.screenshot("29-registry-rulebook-versions");

            // four eyes on the 2023 rulebook's provisional values: this officer's confirmation is recorded once
            registry.find("#nav-provisional").click();
            assertThat(registry.all("#provisional-values li code")).extracting(WebElement::getText)
                    .contains("benchmarks.2023.GAS.generation");
            if (registry.all("#provisional-confirmations tr[data-by='registry.officer']").isEmpty()) {
                registry.find("#provisional-note").sendKeys("浏览器测试：与方案正式文本核对一致");
                registry.find("#provisional-submit").click();
                assertThat(registry.text("#provisional-ok")).contains("确认已记录");
            } else {
                // a stack that ran this suite before: the same officer again is refused, by name
                registry.find("#provisional-note").sendKeys("再次确认");
                registry.find("#provisional-submit").click();
                assertThat(registry.text("#provisional-errors")).contains("registry.officer");
            }
            assertThat(registry.all("#provisional-confirmations tr[data-by='registry.officer']")).hasSize(1);
            // one officer releases nothing; a stack where a season had a second officer confirm shows it released
            boolean twoOfficers = registry.all("#provisional-confirmations tr[data-by]").size() >= 2;
            assertThat(registry.attribute("#provisional-status", "data-released")).isEqualTo(String.valueOf(twoOfficers));
            registry.screenshot("30a-registry-provisional-values");

            registry.find("#nav-jobs").click();
            // the cycle's runs, newest first: this class's verification run is listed with its link
            assertThat(registry.all("#runs tr[data-id='" + verificationJob + "']")).hasSize(1);
            assertThat(registry.text("#runs tr[data-id='" + verificationJob + "']")).contains("配额核定").contains("甘肃");
            registry.find("#job-id").sendKeys(verificationJob);
            registry.find("#job-submit").click();
            registry.waitFor("#job", "data-percent", "100");
            assertThat(registry.text("#job-status")).contains("已完成");
            registry.screenshot("30-registry-run");

            registry.open("/console/province/decisions");
            assertThat(registry.source()).doesNotContain("borrowing-applications");
        }
    }

    @Test
    @Order(6)
    void theHeadersCyclePickerMovesEveryPageToTheAnnualCycleWithTheKeyboard() {
        try (Browser officer = new Browser()) {
            officer.signIn("gansu.officer");
            officer.open("/console/province");
            assertThat(officer.text("p.cycle")).contains("2021-2022");
            tabTo(officer, "cycle-to").sendKeys("2023");
            tabTo(officer, "cycle-go").sendKeys(Keys.ENTER);
            until(() -> officer.text("p.cycle").contains("2023"));
            assertThat(officer.url()).endsWith("/console/province");
            assertThat(new Select(officer.find("#cycle-to")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("2023");
            officer.screenshot("31-province-cycle-2023");
            // the choice follows the user to the next page
            officer.open("/console/province/decisions");
            assertThat(officer.text("p.cycle")).contains("2023").doesNotContain("2021-2022");
        }
    }

    @Test
    @Order(7)
    void theEntitySeesEachUnitsAllowanceWithTheFactorsItRestsOn() throws Exception {
        JsonNode detail = json(send(Keycloak.user("entity." + GANSU_A), "GET",
                "/api/allocation/cycles/2021-2022/entities/" + GANSU_A + "/allocation", null, null));
        JsonNode unit = detail.path("years").get(0).path("units").get(0).path("verification");
        long allowance = unit.path("allowanceT").asLong();
        assertThat(allowance).isPositive();
        try (Browser entity = new Browser()) {
            entity.signIn("entity." + GANSU_A);
            entity.open("/console/entity");
            entity.find("#nav-allocation").click();
            assertThat(entity.text("#allocation-name")).isEqualTo("甘肃测试电厂101");
            String row = entity.text("#units-2021 tr[data-unit='U1']");
            assertThat(row).contains("供电基准值").contains(unit.path("supplyBenchmark").asText())
                    .contains("冷却方式修正系数").contains("负荷（出力）系数修正系数").contains("水冷")
                    .contains("300MW等级以上常规燃煤机组").contains("800,000 MWh");
            assertThat(entity.text("#units-2021 tr[data-unit='U1'] td[data-field=allowanceT]"))
                    .isEqualTo(String.format("%,d", allowance));
            assertThat(entity.text("#year-2021 dd[data-field=issuedT]"))
                    .isEqualTo(String.format("%,d", detail.path("years").get(0).path("issuedT").asLong()));
            assertThat(entity.source()).doesNotContain(GANSU_B);
            entity.screenshot("32-entity-allocation-by-unit");
        }
    }

    static long tonnes(String text) {
        return Long.parseLong(text.replace(",", "").strip());
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void until(Check check) {
        Instant end = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                if (Instant.now().isAfter(end)) {
                    throw new AssertionError(e);
                }
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not done within 90 s");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static HttpResponse<String> send(String token, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
