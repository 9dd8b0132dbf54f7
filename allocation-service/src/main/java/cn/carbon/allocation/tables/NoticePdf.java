package cn.carbon.allocation.tables;

import cn.carbon.platform.pdf.ChineseFont;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The 履约通知书 as a Chinese PDF (OpenPDF) in Noto Sans SC, embedded as the subset of glyphs it uses, so that the
 * entity's Chinese name, the headings and the verification code read the same on every machine. English only in the
 * subtitle and the document properties.
 */
@ApplicationScoped
public class NoticePdf {

    private static final Map<String, String> ENTITY_STATUS = Map.of("OPERATING", "正常运营",
            "FACILITIES_CLOSED", "设施全部关停", "COMPLIANCE_RISK", "存在履约风险", "DISSOLVED", "已注销");
    private static final Map<String, String> COMPLIANCE = Map.of("OPEN", "未完成", "COMPLIANT", "按时履约",
            "COMPLIANT_LATE", "逾期履约", "OVERDUE", "未履约", "EXEMPT", "豁免");
    private static final Map<String, String> DESTINATION = Map.of("ENTITY_ACCOUNT", "本单位持有账户",
            "PROVINCIAL_CUSTODY", "省级生态环境主管部门账户（代为保管）");

    public byte[] render(ComplianceNotice notice) {
        ComplianceNotice.Content c = notice.content();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("履约通知书 " + c.noticeNo());
            doc.addSubject("Compliance notice " + c.cycle() + " " + c.uscc());
            doc.addCreator("allocation-service");
            doc.open();
            BaseFont base = font();
            Font title = new Font(base, 20, Font.BOLD);
            Font text = new Font(base, 10.5f);
            Font small = new Font(base, 8);

            Paragraph heading = new Paragraph("履约通知书", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            doc.add(heading);
            Paragraph subtitle = new Paragraph("Compliance Notice", small);
            subtitle.setAlignment(Element.ALIGN_CENTER);
            doc.add(subtitle);
            Paragraph cycle = new Paragraph("全国碳排放权交易市场 " + c.cycle() + " 年度配额分配与清缴", text);
            cycle.setAlignment(Element.ALIGN_CENTER);
            doc.add(cycle);
            doc.add(new Paragraph(" ", text));
            doc.add(new Paragraph("通知编号：" + c.noticeNo(), text));
            doc.add(new Paragraph("重点排放单位：" + c.name(), text));
            doc.add(new Paragraph("统一社会信用代码：" + c.uscc() + "　　所在省份（行政区划代码）：" + c.provinceCode(), text));
            doc.add(new Paragraph("单位状态：" + ENTITY_STATUS.getOrDefault(c.status(), c.status())
                    + "　　核定阶段配额发放至：" + (c.destination() == null ? "无（不予分配）"
                    : DESTINATION.getOrDefault(c.destination(), c.destination())), text));
            doc.add(new Paragraph(" ", text));

            PdfPTable table = new PdfPTable(new float[]{0.8f, 1.7f, 1.5f, 1.5f, 1.1f, 1.5f, 2.0f, 1.1f});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            for (String h : new String[]{"年度", "核查排放量（吨）", "清缴义务（吨）", "核定配额（吨）", "纾困（吨）",
                    "已发放（吨）", "CCER 抵销上限（吨）", "预支（吨）"}) {
                table.addCell(cell(h, small, Element.ALIGN_CENTER));
            }
            for (ComplianceNotice.Year y : c.years()) {
                table.addCell(cell(String.valueOf(y.year()), text, Element.ALIGN_CENTER));
                table.addCell(number(y.verifiedEmissionsT(), text));
                table.addCell(y.obligationExempt() ? cell("豁免", text, Element.ALIGN_RIGHT) : number(y.obligationT(), text));
                table.addCell(number(y.verifiedAllocationT(), text));
                table.addCell(number(y.reliefT(), text));
                table.addCell(number(y.issuedT(), text));
                table.addCell(number(y.ccerCapT(), text));
                table.addCell(number(y.borrowedT(), text));
            }
            doc.add(table);
            doc.add(new Paragraph(" ", text));
            for (ComplianceNotice.Year y : c.years()) {
                doc.add(new Paragraph("可用于清缴 " + y.year() + " 年度配额的配额年份：" + String.join("、", y.eligibleVintages()),
                        text));
            }
            for (ComplianceNotice.Compliance y : notice.compliance()) {
                doc.add(new Paragraph(y.year() + " 年度履约情况：" + (y.status() == null
                        ? "注册登记系统尚无记录"
                        : COMPLIANCE.getOrDefault(y.status(), y.status()) + "，已清缴 "
                        + String.format("%,d", y.surrenderedT()) + " 吨（注册登记系统 " + y.asOf() + " 记录）"), text));
            }
            doc.add(new Paragraph("请于 " + c.surrenderDeadline() + "（北京时间）前足额清缴各年度配额。", text));
            doc.add(new Paragraph(" ", text));
            doc.add(new Paragraph("计算依据：规则 " + c.rulebookId() + " 第 " + c.rulebookVersion() + " 版。", small));
            doc.add(new Paragraph("核验码（" + notice.algorithm() + "）：" + grouped(notice.verificationCode()), small));
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the compliance notice", e);
        } finally {
            if (doc.isOpen()) {
                doc.close();
            }
        }
        return out.toByteArray();
    }

    private static PdfPCell cell(String s, Font font, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(s, font));
        cell.setPadding(4);
        cell.setHorizontalAlignment(align);
        return cell;
    }

    private static PdfPCell number(long value, Font font) {
        return cell(String.format("%,d", value), font, Element.ALIGN_RIGHT);
    }

    /** Noto Sans SC from the platform module, embedded as a subset (Identity-H: any character of the name). */
    private static BaseFont font() {
        try {
            return BaseFont.createFont(ChineseFont.NAME, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    ChineseFont.bytes(), null);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("cannot load the Chinese font", e);
        }
    }

    static String grouped(String hex) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 8) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(hex, i, Math.min(hex.length(), i + 8));
        }
        return s.toString();
    }
}
