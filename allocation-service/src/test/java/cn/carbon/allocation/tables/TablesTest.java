package cn.carbon.allocation.tables;

import cn.carbon.testing.BadTokens;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The official tables in JSON, CSV and XLSX, scoped; the compliance notice in JSON and PDF with its verification
 * code. Province 610000 has an operating entity (two units) and a compliance-risk one; 620000 one entity.
 */
@QuarkusTest
class TablesTest {

    static final String PROVINCE = "610000";
    static final String OTHER = "620000";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static String operating;
    static String risky;
    static String elsewhere;

    @BeforeEach
    void computeTwoProvincesOnce() {
        if (operating != null) {
            return;
        }
        operating = entity(PROVINCE);
        risky = entity(PROVINCE);
        elsewhere = entity(OTHER);
        importOk(PROVINCE, coalRow(operating, "U1", 2021, 1_000_000, 900_000),
                coalRow(operating, "U1", 2022, 1_000_000, 900_000),
                coalRow(operating, "U2", 2021, 500_000, 450_000), coalRow(operating, "U2", 2022, 500_000, 450_000),
                coalRow(risky, "R1", 2021, 1_000_000, 900_000), coalRow(risky, "R1", 2022, 1_000_000, 900_000));
        importOk(OTHER, coalRow(elsewhere, "E1", 2021, 1_000_000, 900_000),
                coalRow(elsewhere, "E1", 2022, 1_000_000, 900_000));
        run("pre-allocation", PROVINCE);
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("application/json")
                .body(Map.of("status", "COMPLIANCE_RISK", "reasons", List.of("JUDICIAL_FREEZE"),
                        "specialNote", "accounts frozen by court", "why", "court order"))
                .put(BASE + "/entities/" + risky + "/status").then().statusCode(200);
        run("verification", PROVINCE);
        run("verification", OTHER);
    }

    @Test
    void theUnitAllowanceTableInJsonCsvAndXlsx() throws Exception {
        JsonPath json = given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("year", 2021)
                .get(BASE + "/cycles/" + CYCLE + "/tables/unit-allowances").then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("columns")).startsWith("province", "uscc", "name", "unit_id", "year", "category");
        List<Map<String, Object>> items = json.getList("items");
        assertThat(items).extracting(r -> r.get("province")).containsOnly(PROVINCE);
        assertThat(items).extracting(r -> r.get("year")).containsOnly(2021);
        Map<String, Object> u2 = items.stream().filter(r -> operating.equals(r.get("uscc")) && "U2".equals(r.get("unit_id")))
                .findFirst().orElseThrow();
        assertThat(((Number) u2.get("allowance_t")).longValue()).isEqualTo(410_900L); // 500,000 × 0.8218
        assertThat(((Number) u2.get("pre_allocated_t")).longValue()).isEqualTo(287_630L); // 0.7 × 410,900
        assertThat(u2.get("rulebook_id")).isEqualTo("CN-ETS-2021-2022-power");

        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get(BASE + "/cycles/" + CYCLE + "/tables/unit-allowances").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("province,uscc,name,unit_id,year,category,cooling,capacity_mw");
        assertThat(lines).hasSize(1 + 6);
        assertThat(csv).contains(operating + ",Power " + operating + ",U2,2022,COAL_ABOVE_300MW,WATER")
                .doesNotContain(elsewhere);

        byte[] xlsx = given().auth().oauth2(Tokens.province(PROVINCE)).accept(XLSX)
                .get(BASE + "/cycles/" + CYCLE + "/tables/unit-allowances").then().statusCode(200)
                .contentType(startsWith(XLSX)).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(book.getSheetName(0)).isEqualTo("机组核定配额明细表");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("机组核定配额明细表（2021-2022）");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("省份（行政区划代码）");
            assertThat(sheet.getLastRowNum()).isEqualTo(1 + 6);
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as("title and headings frozen").isEqualTo((short) 2);
            int allowance = header(sheet).indexOf("核定配额（吨）");
            Row first = sheet.getRow(2);
            assertThat(first.getCell(header(sheet).indexOf("统一社会信用代码")).getStringCellValue()).isIn(operating, risky);
            assertThat(first.getCell(allowance).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(first.getCell(allowance).getNumericCellValue()).isPositive();
        }
    }

    @Test
    void theIssuanceSummaryHasEveryYearBorrowingDestinationAndSpecialNotes() throws Exception {
        JsonPath json = given().auth().oauth2(Tokens.registry()).queryParam("province", PROVINCE)
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("columns")).containsExactly("uscc", "name", "province", "status",
                "pre_allocated_2021", "verified_2021", "relief_2021", "issued_2021", "obligation_2021",
                "pre_allocated_2022", "verified_2022", "relief_2022", "issued_2022", "obligation_2022",
                "borrowed_2023", "destination", "special_notes");
        Map<String, Object> op = row(json, operating);
        assertThat(op.get("pre_allocated_2021")).isEqualTo(862_890);   // 0.7 × (821,800 + 410,900)
        assertThat(op.get("verified_2021")).isEqualTo(1_232_700);
        assertThat(op.get("issued_2021")).isEqualTo(1_232_700);
        assertThat(op.get("obligation_2022")).isEqualTo(1_350_000);
        assertThat(op.get("relief_2021")).isEqualTo(0);
        assertThat(op.get("destination")).isEqualTo("ENTITY_ACCOUNT");
        assertThat(op.get("special_notes")).isNull();
        Map<String, Object> rk = row(json, risky);
        assertThat(rk.get("destination")).isEqualTo("PROVINCIAL_CUSTODY");
        assertThat((String) rk.get("special_notes")).contains("需特殊说明").contains("COMPLIANCE_RISK")
                .contains("JUDICIAL_FREEZE").contains("accounts frozen by court");
        assertThat(json.getList("items.uscc")).doesNotContain(elsewhere);

        String csv = given().auth().oauth2(Tokens.ministry()).accept("text/csv")
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().asString();
        assertThat(csv.split("\r\n")[0]).endsWith(",borrowed_2023,destination,special_notes");
        assertThat(csv).contains(risky).contains(elsewhere).contains("需特殊说明");

        byte[] xlsx = given().auth().oauth2(Tokens.province(PROVINCE)).accept(XLSX)
                .get(BASE + "/cycles/" + CYCLE + "/tables/issuance-summary").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(book.getSheetName(0)).isEqualTo("核定配额实际发放汇总表");
            List<String> header = header(sheet);
            assertThat(header).startsWith("统一社会信用代码", "单位名称", "省份（行政区划代码）", "状态", "2021年度预分配配额（吨）")
                    .contains("需特殊说明的事项", "预支2023年度配额（吨）", "2022年度清缴义务（吨）");
            boolean found = false;
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (risky.equals(row.getCell(0).getStringCellValue())) {
                    found = true;
                    assertThat(row.getCell(header.indexOf("需特殊说明的事项")).getStringCellValue()).contains("需特殊说明");
                    Cell verified = row.getCell(header.indexOf("2021年度核定配额（吨）"));
                    assertThat(verified.getNumericCellValue()).isEqualTo(821_800d);
                    assertThat(new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT)
                            .formatCellValue(verified)).isEqualTo("821,800");
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void theSpecialListNamesTheSpecialEntities() throws Exception {
        JsonPath json = given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/tables/special-list").then().statusCode(200).extract().jsonPath();
        Map<String, Object> rk = row(json, risky);
        assertThat(rk.get("status")).isEqualTo("COMPLIANCE_RISK");
        assertThat(rk.get("reasons")).isEqualTo("JUDICIAL_FREEZE");
        assertThat(rk.get("may_borrow")).isEqualTo(false);
        assertThat(rk.get("status_changed_by")).isEqualTo("province." + PROVINCE);
        assertThat(json.getList("items.uscc")).doesNotContain(operating);

        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get(BASE + "/cycles/" + CYCLE + "/tables/special-list").then().statusCode(200).extract().asString();
        assertThat(csv).contains(risky + ",Power " + risky + "," + PROVINCE + ",COMPLIANCE_RISK,JUDICIAL_FREEZE");
        byte[] xlsx = given().auth().oauth2(Tokens.registry()).accept(XLSX)
                .get(BASE + "/cycles/" + CYCLE + "/tables/special-list").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetName(0)).isEqualTo("需特殊说明的事项");
            assertThat(header(book.getSheetAt(0))).containsExactly("统一社会信用代码", "单位名称", "省份（行政区划代码）", "状态",
                    "履约风险原因", "特殊说明", "发放账户", "清缴义务", "可否预支", "状态变更时间", "状态变更人", "变更理由",
                    "未完成清缴的年度");
        }
    }

    @Test
    void tablesAreScoped() {
        for (String table : List.of("unit-allowances", "issuance-summary", "special-list")) {
            String path = BASE + "/cycles/" + CYCLE + "/tables/" + table;
            given().auth().oauth2(Tokens.province(OTHER)).queryParam("province", PROVINCE).get(path).then()
                    .statusCode(404).contentType(startsWith("application/problem+json"));
            given().auth().oauth2(Tokens.province(OTHER)).get(path).then().statusCode(200)
                    .body("province", equalTo(OTHER));
            given().auth().oauth2(Tokens.entity(operating)).get(path).then().statusCode(403);
            given().auth().oauth2(Tokens.exchange()).get(path).then().statusCode(403);
            BadTokens.assertAllRefused("GET", path, "registry");
        }
        given().auth().oauth2(Tokens.province(OTHER)).accept("text/csv").queryParam("province", PROVINCE)
                .get(BASE + "/cycles/" + CYCLE + "/tables/unit-allowances").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get(BASE + "/cycles/1999-2000/tables/special-list").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.registry()).queryParam("year", 2023)
                .get(BASE + "/cycles/" + CYCLE + "/tables/unit-allowances").then().statusCode(400);
    }

    @Test
    void theComplianceNoticeAsJsonAndPdfWithItsVerificationCode() throws Exception {
        String path = BASE + "/cycles/" + CYCLE + "/entities/" + operating + "/compliance-notice";
        JsonPath notice = given().auth().oauth2(Tokens.entity(operating)).get(path).then().statusCode(200)
                .extract().jsonPath();
        assertThat(notice.getString("content.uscc")).isEqualTo(operating);
        assertThat(notice.getLong("content.years[0].obligationT")).isEqualTo(1_350_000L);
        assertThat(notice.getLong("content.years[1].issuedT")).isEqualTo(1_226_550L); // (1,000,000 + 500,000) × 0.8177
        assertThat(notice.getString("content.surrenderDeadline")).isEqualTo("2023-12-31");
        assertThat(notice.getString("algorithm")).isEqualTo("HmacSHA256");

        // the code is the HMAC of the content's JSON with the configured key
        String content = given().auth().oauth2(Tokens.entity(operating)).get(path).then().statusCode(200)
                .extract().asString();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] signed = mapper.writeValueAsBytes(mapper.readTree(content).get("content"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ConfigProvider.getConfig().getValue("carbon.notice.signing-key", String.class)
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(notice.getString("verificationCode")).isEqualTo(HexFormat.of().formatHex(mac.doFinal(signed)));

        byte[] pdf = given().auth().oauth2(Tokens.province(PROVINCE)).accept("application/pdf").get(path).then()
                .statusCode(200).contentType(startsWith("application/pdf")).extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.length).isGreaterThan(1000);

        given().auth().oauth2(Tokens.province(OTHER)).get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.entity(elsewhere)).get(path).then().statusCode(404);
        String fresh = entity(PROVINCE);
        given().auth().oauth2(Tokens.province(PROVINCE))
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + fresh + "/compliance-notice").then().statusCode(409)
                .body("type", equalTo("https://carbon.example/problems/not-verified"));
        BadTokens.assertAllRefused("GET", path, "registry");
        given().auth().oauth2(Tokens.exchange()).get(path).then().statusCode(403);
    }

    private static Map<String, Object> row(JsonPath json, String uscc) {
        List<Map<String, Object>> items = json.getList("items");
        return items.stream().filter(r -> uscc.equals(r.get("uscc"))).findFirst()
                .orElseThrow(() -> new AssertionError(uscc + " not in " + json.prettify()));
    }

    private static List<String> header(Sheet sheet) {
        List<String> out = new ArrayList<>();
        sheet.getRow(OfficialWorkbook.HEADER_ROWS - 1).forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }
}
