package cn.carbon.surrender.certificates;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The 履约证明 PDF prints the entity's Chinese name in an embedded font, figures with thousands separators. */
class CertificatePdfTest {

    @Test
    void theCertificateIsChineseFirstWithTheEntitysNameAndHowToVerifyIt() throws Exception {
        var payload = new ObjectMapper().readTree("""
                {"certificateId":"LYZM-2022-000042","entityName":"青海测试电厂201","uscc":"91630000MA0000201R",
                 "provinceCode":"630000","complianceYear":2022,"cycle":"2021-2022","obligationT":1234567,
                 "surrenderedT":1234567,"borrowedUsedT":0,"offsetT":61728,"status":"COMPLIANT",
                 "completedAt":"2023-11-01T02:00:00Z","issuedAt":"2023-11-01T02:00:01Z","issuer":"全国碳排放权注册登记机构",
                 "rulebook":"CN-ETS-2021-2022-power v3"}""");
        var certificate = new Certificates.Certificate("LYZM-2022-000042", 42, "91630000MA0000201R", 2022,
                payload.toString(), "sig-abc_DEF-123", "key-1", Instant.parse("2023-11-01T02:00:01Z"));
        byte[] pdf = CertificatePdf.render(certificate, payload, "/api/surrender/certificates/LYZM-2022-000042/verification");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("履约证明", "青海测试电厂201", "91630000MA0000201R", "1,234,567", "61,728",
                    "按时履约 COMPLIANT", "全国碳排放权注册登记机构", "LYZM-2022-000042", "/console/public",
                    "sig-abc_DEF-123");
            var resources = doc.getPage(0).getResources();
            for (var name : resources.getFontNames()) {
                assertThat(resources.getFont(name).isEmbedded()).as("font %s embedded", name).isTrue();
            }
            assertThat(doc.getDocumentInformation().getKeywords()).isEqualTo("LYZM-2022-000042 sig-abc_DEF-123");
        }
    }
}
