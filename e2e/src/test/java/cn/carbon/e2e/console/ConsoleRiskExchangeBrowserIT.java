package cn.carbon.e2e.console;

import cn.carbon.e2e.Keycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.carbon.e2e.console.ConsoleBrowserIT.GANSU_A;
import static cn.carbon.e2e.console.ConsoleBrowserIT.GANSU_B;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.json;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.send;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.tonnes;
import static cn.carbon.e2e.console.ConsolePagesBrowserIT.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange's net-purchase feeds, the live risk alerts, the risk map and the entity's CCER offset form, in a real
 * browser on the stack, in Gansu (620000). The stack's business clock stands in July 2023, where neither a feed can
 * move an index (the purchase pace counts only in the last 91 days) nor an offset be applied for (applications open
 * after 2023-08-14): the registry moves risk-service's and offset-service's clocks to 2023-12-04 for this suite and
 * puts them back after it. The live alert: a feed in which the entity bought far more than it lacks brings its index
 * down (no alert), the same week sent again without the purchase brings it up to HIGH, which raises the alert the
 * province's open page shows as it arrives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRiskExchangeBrowserIT {

    static final String WEEK_START = "2023-11-27";
    static final String WEEK_END = "2023-12-03";
    static final String MOVED_TO = "2023-12-04T02:00:00Z";
    static final Path FILES = Path.of("target", "console-feeds");

    static Instant riskClockWas;
    static Instant offsetClockWas;
    static long movedAt;
    static String lotId;

    @BeforeAll
    static void gansuHasItsObligationsTheClocksStandInDecemberAndALotIsFrozen() throws Exception {
        String registry = Keycloak.user("registry.officer");
        HttpResponse<String> account = send(Keycloak.user("gansu.officer"), "GET", "/api/surrender/accounts/" + GANSU_A,
                null, null);
        if (account.statusCode() != 200 || json(account).path("holdings").isEmpty()) {
            // a fresh stack: the same entities, unit data and runs as the console's other suite
            ConsolePagesBrowserIT.gansuIsVerifiedAndItsAllowancesIssued();
        }
        riskClockWas = clock("risk");
        offsetClockWas = clock("offsets");
        movedAt = System.nanoTime();
        setClock("risk", MOVED_TO);
        setClock("offsets", MOVED_TO);

        lotId = "H3-LOT-" + System.currentTimeMillis();
        String lot = """
                {"lotId":"%s","uscc":"%s","projectId":"CCER-H3-%s","projectName":"甘肃测试风电项目","projectType":"WIND",
                 "quantityT":200000,"insideNationalEtsCoverage":false,"filedOn":"2015-06-01",
                 "firstCycleCancelledUnused":false,"scheme":"OLD_CCER"}""".formatted(lotId, GANSU_A, lotId);
        HttpResponse<String> registered = send(registry, "POST", "/api/offsets/ccer-lots", "application/json", lot);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        // risk-service knows the entity and its obligations (through Kafka), offset-service its 2021 obligation
        until(() -> json(send(registry, "GET", "/api/risk/entities/" + GANSU_A, null, null)).path("years").size() > 0);
        until(() -> json(send(registry, "GET", "/api/offsets/entities/" + GANSU_A
                + "/headroom?cycle=2021-2022&complianceYear=2021", null, null)).path("obligationKnown").asBoolean());
    }

    @AfterAll
    static void theClocksGoBack() throws Exception {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - movedAt);
        if (riskClockWas != null) {
            setClock("risk", riskClockWas.plus(elapsed).toString());
        }
        if (offsetClockWas != null) {
            setClock("offsets", offsetClockWas.plus(elapsed).toString());
        }
    }

    @Test
    @Order(1)
    void theExchangeSeesABadRowAtItsRowAndColumnThenAGoodFeedInTheWeeksHistory() throws Exception {
        Path bad = feed("feed-bad.csv", row(GANSU_A, 5_000_000, 0), row(GANSU_B, -5, 0));
        Path good = feed("feed-good.csv", row(GANSU_A, 5_000_000, 0));
        try (Browser exchange = new Browser()) {
            exchange.signIn("exchange.operator");
            exchange.find("#feed-form");
            assertThat(exchange.url()).endsWith("/console/exchange");
            assertThat(exchange.text("h1")).isEqualTo("交易机构净买入量报送");
            assertThat(exchange.unlabelledFields()).isEmpty();
            exchange.find("#feed-file").sendKeys(bad.toAbsolutePath().toString());
            exchange.find("#feed-submit").click();
            assertThat(exchange.text("#feed-errors")).contains("报送数据未通过校验，未接收任何一行").contains("买入量（吨）");
            WebElement cell = exchange.find("#feed-errors tr.row-error[data-column='bought_t']");
            assertThat(cell.getAttribute("data-row")).isNotBlank();
            assertThat(exchange.all("#feed-ok")).isEmpty();
            exchange.screenshot("70-exchange-feed-row-error");

            exchange.find("#feed-file").sendKeys(good.toAbsolutePath().toString());
            exchange.find("#feed-submit").click();
            String feedId = exchange.attribute("#feed-ok", "data-feed");
            assertThat(exchange.text("#feed-ok")).contains("已接收").contains(WEEK_START);
            assertThat(exchange.find("#history-week").getAttribute("value")).isEqualTo(WEEK_START);
            WebElement current = exchange.find("#feed-history tr[data-feed='" + feedId + "']");
            assertThat(current.getAttribute("data-current")).isEqualTo("true");
            assertThat(current.getText()).contains("exchange.operator").contains(WEEK_END);
            exchange.screenshot("71-exchange-feed-accepted-in-history");

            exchange.find("#feed-history tr[data-feed='" + feedId + "'] a").click();
            assertThat(exchange.text("#feed-received-by")).isEqualTo("exchange.operator");
            assertThat(exchange.text("#feed-status")).isEqualTo("已接收");
            exchange.screenshot("72-exchange-feed");
        }
    }

    @Test
    @Order(2)
    void anAlertRaisedWhileTheProvincesRiskPageIsOpenArrivesLive() throws Exception {
        String registry = Keycloak.user("registry.officer");
        // the purchase of the good feed covers the gap: the entity is below HIGH, so a rise can alert
        until(() -> List.of("LOW", "MEDIUM").contains(
                json(send(registry, "GET", "/api/risk/entities/" + GANSU_A, null, null)).path("level").asText()));
        try (Browser officer = new Browser()) {
            officer.signIn("gansu.officer");
            officer.open("/console/province/risk");
            officer.waitFor("section.live-alerts", "data-connected", "true");
            assertThat(officer.all("#alerts tr.live")).isEmpty();
            assertThat(officer.find("#alerts-live").getAttribute("aria-live")).isEqualTo("polite");
            int before = Integer.parseInt(officer.text("#alerts-total"));
            officer.screenshot("73-province-risk-page-open");

            // the same week again without the purchase: the pace falls short and the index rises to HIGH
            HttpResponse<String> again = send(Keycloak.user("exchange.operator"), "POST", "/api/risk/net-purchase-feeds",
                    "text/csv", csv(row(GANSU_A, 0, 0)));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);

            WebElement arrived = officer.find("#alerts tr.live[data-uscc='" + GANSU_A + "']");
            assertThat(arrived.getText()).containsAnyOf("→ 高", "→ 极高").contains("甘肃");
            // one alert per compliance year that rose (2021 and 2022 may both)
            int arrivedRows = officer.all("#alerts tr.live").size();
            assertThat(Integer.parseInt(officer.text("#alerts-total"))).isEqualTo(before + arrivedRows);
            assertThat(officer.find("#alerts-live").getAttribute("textContent")).contains(GANSU_A);
            officer.screenshot("74-province-alert-arrived-live");
        }
    }

    @Test
    @Order(3)
    void theRegistryAndTheMinistrySeeTheRiskMapAndGansuItsOwnEntities() {
        try (Browser registry = new Browser()) {
            registry.signIn("registry.officer");
            registry.find("#nav-risk-map").click();
            assertThat(registry.text("h1")).isEqualTo("风险地图");
            registry.waitFor("#risk-map", "data-drawn", "true");
            assertThat(registry.all("#risk-map canvas")).isNotEmpty();
            WebElement gansu = registry.find("#province-risk tr[data-province='620000']");
            assertThat(gansu.getAttribute("data-level")).isIn("HIGH", "CRITICAL");
            assertThat(gansu.getText()).contains("甘肃");
            assertThat(registry.find("section.live-alerts").getAttribute("data-stream")).isEqualTo("/console/risk/stream");
            registry.screenshot("75-registry-risk-map");
        }
        try (Browser ministry = new Browser()) {
            ministry.signIn("ministry.officer");
            ministry.open("/console/risk");
            ministry.waitFor("#risk-map", "data-drawn", "true");
            assertThat(ministry.all("#province-risk tr[data-province]")).hasSizeGreaterThanOrEqualTo(1);
            ministry.waitFor("section.live-alerts", "data-connected", "true");
            ministry.screenshot("76-ministry-risk-map");
        }
        try (Browser officer = new Browser()) {
            officer.signIn("gansu.officer");
            officer.find("#nav-risk-map").click();
            officer.waitFor("#risk-map", "data-drawn", "true");
            assertThat(officer.all("#province-risk tr[data-province]")).hasSize(1);
            assertThat(officer.find("#province-risk tr.own-province").getAttribute("data-province")).isEqualTo("620000");
            assertThat(officer.find("#entity-risk tr[data-uscc='" + GANSU_A + "']").getAttribute("data-level"))
                    .isIn("HIGH", "CRITICAL");
            officer.screenshot("77-province-risk-map-own-entities");
        }
    }

    @Test
    @Order(4)
    void theEntityAppliesForACcerOffsetAndAnOverCapRequestIsRefusedAtItsField() {
        try (Browser entity = new Browser()) {
            entity.signIn("entity." + GANSU_A);
            entity.open("/console/entity/applications");
            assertThat(entity.unlabelledFields()).isEmpty();
            assertThat(entity.find("#offset-lots-table tr[data-lot='" + lotId + "']").getText()).contains("200,000");
            long remaining = tonnes(entity.text("#offset-headroom tr[data-year='2021'] td:nth-child(6)"));
            assertThat(remaining).isPositive();

            new Select(entity.find("#offset-year")).selectByValue("2021");
            entity.find("#offset-lot").sendKeys(lotId);
            entity.find("#offset-quantity").sendKeys("100");
            entity.find("#offset-submit").click();
            assertThat(entity.attribute("#offset-result", "data-status")).isEqualTo("PENDING_REVIEW");
            assertThat(entity.text("#offset-result")).contains("待省级审核").contains("100");
            assertThat(entity.text("#offset-applications")).contains(lotId);
            assertThat(tonnes(entity.text("#offset-headroom tr[data-year='2021'] td:nth-child(6)")))
                    .isEqualTo(remaining - 100);
            entity.screenshot("78-entity-offset-pending");

            new Select(entity.find("#offset-year")).selectByValue("2021");
            entity.find("#offset-lot").sendKeys(lotId);
            entity.find("#offset-quantity").sendKeys(String.valueOf(remaining - 100 + 1));
            entity.find("#offset-submit").click();
            assertThat(entity.text("#offset-errors")).contains("超过 CCER 抵销比例上限");
            assertThat(entity.find("#offset-quantity").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(entity.text("#offset-quantity-error")).contains("cap");
            assertThat(entity.find("#offset-lot").getAttribute("aria-invalid")).isNull();
            entity.screenshot("79-entity-offset-over-cap-at-field");
        }
    }

    private static String row(String uscc, long bought, long sold) {
        return String.join(",", uscc, WEEK_START, WEEK_END, String.valueOf(bought), String.valueOf(sold));
    }

    private static String csv(String... rows) {
        return "uscc,week_start,week_end,bought_t,sold_t\n" + String.join("\n", rows) + "\n";
    }

    private static Path feed(String name, String... rows) throws Exception {
        Files.createDirectories(FILES);
        return Files.writeString(FILES.resolve(name), csv(rows));
    }

    private static Instant clock(String service) throws Exception {
        HttpResponse<String> read = send(Keycloak.user("registry.officer"), "GET", "/api/" + service + "/admin/clock",
                null, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return Instant.parse(json(read).path("now").asText());
    }

    private static void setClock(String service, String now) throws Exception {
        HttpResponse<String> set = send(Keycloak.user("registry.officer"), "PUT", "/api/" + service + "/admin/clock",
                "application/json", "{\"now\":\"" + now + "\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }
}
