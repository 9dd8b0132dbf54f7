package cn.carbon.e2e.console;

import cn.carbon.e2e.Keycloak;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser through the gateway, with real Keycloak sign-ins, in the provinces 620000 (Gansu)
 * and 630000 (Qinghai) that no other suite uses: a province officer imports unit data (a bad row shown inline, then a
 * good file), runs pre-allocation and verification to 100 %, downloads the XLSX and the notice PDF; another province's
 * entity is 未找到; an entity sees only its own data; a signed-out visitor verifies a certificate code; logout ends
 * the Keycloak session; the registry sees compliance per province as a chart. Screenshots of every page:
 * e2e/target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final String GATEWAY = System.getProperty("carbon.gateway", "http://127.0.0.1:8080");
    static final String GANSU_A = "91620000MA00001010";
    static final String GANSU_B = "91620000MA00001023";
    static final String QINGHAI = "91630000MA0000201R";
    static final String HEADER = "uscc,unit_id,year,category,cooling,capacity_mw,power_supply_mwh,heat_supply_gj,"
            + "heat_ratio,load_factor,verified_emissions_t";

    static Browser officer;

    @BeforeAll
    static void entitiesOfTheTestProvinces() throws Exception {
        register(GANSU_A, "甘肃测试电厂101", "620000");
        register(GANSU_B, "甘肃测试电厂102", "620000");
        register(QINGHAI, "青海测试电厂201", "630000");
        officer = new Browser();
    }

    @AfterAll
    static void close() {
        if (officer != null) {
            officer.close();
        }
    }

    @Test
    @Order(1)
    void aSignedOutVisitorReadsThePublicPagesInChineseAndCanSwitchToEnglish() {
        try (Browser visitor = new Browser()) {
            visitor.open("/");
            assertThat(visitor.text("h1")).isEqualTo("配额分配与清缴工作台");
            visitor.screenshot("01-landing");
            visitor.open("/console/public");
            visitor.find("#verify-code").sendKeys("LYZM-2099-000000");
            visitor.find("#verify-submit").click();
            assertThat(visitor.text("#verify-errors")).contains("未找到");
            assertThat(visitor.unlabelledFields()).isEmpty();
            visitor.screenshot("02-public-verification-not-found");
            visitor.find("a[lang=en]").click();
            assertThat(visitor.text("h1")).isEqualTo("Public information");
            assertThat(visitor.text("#verify-errors")).contains("Not found");
            visitor.screenshot("03-public-verification-english");
        }
    }

    @Test
    @Order(2)
    void aProvinceOfficerSeesABadRowsErrorInlineAndNothingIsImported() {
        officer.signIn("gansu.officer");
        assertThat(officer.url()).endsWith("/console/province");
        assertThat(officer.source()).contains(GANSU_A).contains("甘肃测试电厂101").doesNotContain(QINGHAI);
        assertThat(officer.unlabelledFields()).isEmpty();
        officer.screenshot("04-province-entities");

        upload(csv(row(GANSU_A, "U1", 2021, 800_000, 700_000, "0"),
                row(GANSU_A, "U1", 2022, 820_000, 710_000, "1.5")), "units-bad.csv");
        var error = officer.find("#import-errors tr.row-error");
        assertThat(error.getAttribute("data-row")).isEqualTo("2");
        assertThat(error.getAttribute("data-column")).isEqualTo("heat_ratio");
        assertThat(error.getText()).contains("供热比");
        assertThat(officer.text("#import-errors")).contains("机组数据未通过校验");
        officer.screenshot("05-province-import-row-error");
    }

    @Test
    @Order(3)
    void aGoodFileIsImportedAndVerificationRunsTo100Percent() throws Exception {
        upload(csv(row(GANSU_A, "U1", 2021, 800_000, 700_000, "0"), row(GANSU_A, "U1", 2022, 820_000, 710_000, "0"),
                row(GANSU_B, "U1", 2021, 500_000, 450_000, "0"), row(GANSU_B, "U1", 2022, 510_000, 455_000, "0")),
                "units-good.csv");
        assertThat(officer.text("#import-ok")).contains("导入成功").contains("units-good.csv");
        officer.screenshot("06-province-import-ok");

        for (String kind : List.of("pre-allocation", "verification")) {
            officer.open("/console/province");
            officer.find("#late-" + kind).sendKeys("浏览器测试：截止日期后补办");
            officer.find("#run-" + kind + "-submit").click();
            officer.waitFor("#job", "data-percent", "100");
            assertThat(officer.attribute("#job", "data-status")).isIn("SUCCEEDED", "COMPLETED_WITH_ERRORS");
            assertThat(officer.attribute("#job-bar", "value")).isEqualTo("100");
            officer.screenshot("07-province-" + kind + "-100");
        }
    }

    @Test
    @Order(4)
    void theXlsxHasTheOfficialChineseSheetAndTheNoticePdfTheEntitysChineseName() throws Exception {
        HttpResponse<byte[]> xlsx = officer.download("/console/province/tables/issuance-summary?format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.write(Browser.SCREENSHOTS.resolve("issuance-summary-620000.xlsx"), xlsx.body());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheetName(0)).isEqualTo("核定配额实际发放汇总表");
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("统一社会信用代码");
            List<String> usccs = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() >= 2) {
                    usccs.add(row.getCell(0).getStringCellValue());
                }
            }
            assertThat(usccs).contains(GANSU_A, GANSU_B).doesNotContain(QINGHAI);
        }
        HttpResponse<byte[]> csv = officer.download("/console/province/tables/issuance-summary?format=csv");
        assertThat(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("uscc,name,province,status,");

        officer.open("/console/province/entities/" + GANSU_A);
        assertThat(officer.text("#entity-name")).isEqualTo("甘肃测试电厂101");
        officer.screenshot("08-province-entity");
        HttpResponse<byte[]> pdf = officer.download("/console/province/entities/" + GANSU_A + "/notice.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        Files.write(Browser.SCREENSHOTS.resolve("compliance-notice-" + GANSU_A + ".pdf"), pdf.body());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("履约通知书").contains("甘肃测试电厂101")
                    .contains(GANSU_A);
        }
    }

    @Test
    @Order(5)
    void anotherProvincesEntityIsNotFound() {
        officer.open("/console/province/entities/" + QINGHAI);
        assertThat(officer.text("#problem-title")).isEqualTo("未找到");
        assertThat(officer.source()).doesNotContain("青海测试电厂201");
        officer.screenshot("09-province-other-province-not-found");
    }

    @Test
    @Order(6)
    void logoutEndsTheKeycloakSessionToo() {
        officer.find("#logout").click();
        officer.find("#signin");
        assertThat(URI.create(officer.url()).getPath()).isEqualTo("/console/");
        officer.open("/console/province");
        // no silent sign-in: Keycloak asks for the password again
        officer.find("#username");
        assertThat(officer.url()).contains("/realms/carbon/protocol/openid-connect/auth");
        officer.screenshot("10-keycloak-sign-in-after-logout");
    }

    @Test
    @Order(7)
    void anEntitySeesOnlyItsOwnData() {
        try (Browser entity = new Browser()) {
            entity.signIn("entity." + GANSU_A);
            assertThat(entity.url()).endsWith("/console/entity");
            assertThat(entity.text("#entity-uscc")).isEqualTo(GANSU_A);
            assertThat(entity.text("#entity-name")).isEqualTo("甘肃测试电厂101");
            assertThat(entity.source()).doesNotContain(GANSU_B);
            entity.screenshot("11-entity-home");
            HttpResponse<byte[]> province = entity.download("/console/province");
            assertThat(province.statusCode()).isEqualTo(403);
            assertThat(new String(province.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(GANSU_B);
        }
    }

    @Test
    @Order(8)
    void theRegistrySeesNationalProgressPerProvinceAsAChart() {
        try (Browser registry = new Browser()) {
            registry.signIn("registry.officer");
            assertThat(URI.create(registry.url()).getPath()).isEqualTo("/console/national");
            registry.find("#progress-chart canvas");
            assertThat(registry.text("#national")).contains("甘肃省");
            registry.screenshot("12-national-progress");
        }
    }

    @Test
    @Order(9)
    void aSignedOutVisitorFindsAnEntityInThePublicComplianceReport() throws Exception {
        try (Browser visitor = new Browser()) {
            visitor.open("/");
            visitor.find("#report-link").click();
            assertThat(visitor.text("h1")).isEqualTo("年度履约情况公开表");
            assertThat(visitor.unlabelledFields()).isEmpty();
            // the verified obligations reach the registry over Kafka: search until the Gansu entity's 2021 is listed
            String row = "tr[data-uscc='" + GANSU_A + "']";
            long until = System.currentTimeMillis() + 120_000;
            do {
                visitor.open("/console/public/compliance-report");
                visitor.find("#report-q").sendKeys("甘肃测试电厂101");
                new org.openqa.selenium.support.ui.Select(visitor.find("#report-province")).selectByValue("620000");
                visitor.find("#report-year").sendKeys("2021");
                visitor.find("#report-submit").click();
                visitor.find("#report-total");
            } while (visitor.all(row).isEmpty() && System.currentTimeMillis() < until && pause());
            assertThat(visitor.all(row)).as("the report lists " + GANSU_A).hasSize(1);
            assertThat(visitor.text(row)).contains("甘肃测试电厂101").contains("甘肃省").contains("2021");
            // before the deadline on the stack's clock: 履约期内, and the only match of the search
            assertThat(visitor.find(row).getAttribute("data-code")).isEqualTo("IN_PROGRESS");
            assertThat(visitor.text(row)).contains("履约期内");
            assertThat(visitor.source()).doesNotContain(GANSU_B).doesNotContain(QINGHAI);
            visitor.screenshot("13-public-compliance-report");
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(2_000);
        return true;
    }

    private static void upload(String csv, String name) {
        try {
            Path file = Files.createTempDirectory("console-upload").resolve(name);
            Files.writeString(file, csv);
            officer.open("/console/province");
            officer.find("#import-file").sendKeys(file.toAbsolutePath().toString());
            officer.find("#import-late").sendKeys("浏览器测试：截止日期后补办");
            officer.find("#import-submit").click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String row(String uscc, String unit, int year, long mwh, long emissionsT, String heatRatio) {
        return String.join(",", uscc, unit, String.valueOf(year), "COAL_ABOVE_300MW", "WATER", "600",
                String.valueOf(mwh), "0", heatRatio, "0.90", String.valueOf(emissionsT));
    }

    static String csv(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    static void register(String uscc, String name, String province) throws Exception {
        String body = "{\"uscc\":\"" + uscc + "\",\"name\":\"" + name + "\",\"provinceCode\":\"" + province
                + "\",\"sector\":\"POWER\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(GATEWAY + "/api/allocation/entities"))
                .header("Authorization", "Bearer " + Keycloak.user("registry.officer"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "console-it-" + uscc)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("register %s: %s", uscc, r.body()).isIn(201, 409);
    }
}
