package cn.carbon.allocation.tables;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The 履约通知书 as PDF (OpenPDF). Helvetica has no Chinese glyphs, so the notice is worded in English unless a
 * TrueType font with CJK glyphs is configured ({@code carbon.notice.font}, e.g. Noto Sans CJK), which is then embedded
 * and used for every text, the Chinese title and entity names included.
 */
@ApplicationScoped
public class NoticePdf {

    private final Optional<String> fontPath;

    public NoticePdf(@ConfigProperty(name = "carbon.notice.font") Optional<String> fontPath) {
        this.fontPath = fontPath;
    }

    public byte[] render(ComplianceNotice notice) {
        ComplianceNotice.Content c = notice.content();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("Compliance notice " + c.noticeNo());
            doc.addSubject("履约通知书 " + c.cycle() + " " + c.uscc());
            doc.addCreator("allocation-service");
            doc.open();
            BaseFont base = baseFont();
            boolean cjk = base != null;
            Font title = base == null ? new Font(Font.HELVETICA, 16, Font.BOLD) : new Font(base, 16, Font.BOLD);
            Font text = base == null ? new Font(Font.HELVETICA, 10) : new Font(base, 10);
            Font small = base == null ? new Font(Font.HELVETICA, 8) : new Font(base, 8);

            Paragraph heading = new Paragraph((cjk ? "履约通知书 — " : "") + "Compliance Notice", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            doc.add(heading);
            doc.add(new Paragraph("National carbon emissions trading market, compliance cycle " + c.cycle(), text));
            doc.add(new Paragraph(" ", text));
            doc.add(new Paragraph("Notice no.: " + c.noticeNo(), text));
            doc.add(new Paragraph("Entity: " + c.name() + "  (USCC " + c.uscc() + ", province " + c.provinceCode()
                    + ")", text));
            doc.add(new Paragraph("Status: " + c.status() + "; allowances of the verification stage go to: "
                    + (c.destination() == null ? "none (no allocation)" : c.destination()), text));
            doc.add(new Paragraph(" ", text));

            PdfPTable table = new PdfPTable(new float[]{1.1f, 1.6f, 1.6f, 1.6f, 1.3f, 1.6f, 1.3f, 1.2f});
            table.setWidthPercentage(100);
            for (String h : new String[]{"Year", "Verified emissions (t)", "Obligation (t)", "Verified allocation (t)",
                    "Relief (t)", "Issued (t)", "CCER cap (t)", "Borrowed (t)"}) {
                table.addCell(cell(h, small));
            }
            for (ComplianceNotice.Year y : c.years()) {
                table.addCell(cell(String.valueOf(y.year()), text));
                table.addCell(cell(String.format("%,d", y.verifiedEmissionsT()), text));
                table.addCell(cell(y.obligationExempt() ? "exempt" : String.format("%,d", y.obligationT()), text));
                table.addCell(cell(String.format("%,d", y.verifiedAllocationT()), text));
                table.addCell(cell(String.format("%,d", y.reliefT()), text));
                table.addCell(cell(String.format("%,d", y.issuedT()), text));
                table.addCell(cell(String.format("%,d", y.ccerCapT()), text));
                table.addCell(cell(String.format("%,d", y.borrowedT()), text));
            }
            doc.add(table);
            doc.add(new Paragraph(" ", text));
            for (ComplianceNotice.Year y : c.years()) {
                doc.add(new Paragraph("Allowances eligible for the " + y.year() + " obligation: vintages "
                        + String.join(", ", y.eligibleVintages()), text));
            }
            for (ComplianceNotice.Compliance y : notice.compliance()) {
                doc.add(new Paragraph("Compliance " + y.year() + ": " + (y.status() == null
                        ? "no record from the registry yet"
                        : y.status() + ", surrendered " + String.format("%,d", y.surrenderedT())
                        + " t (registry record of " + y.asOf() + ")"), text));
            }
            doc.add(new Paragraph("Surrender each year's obligation in full by " + c.surrenderDeadline()
                    + " (Asia/Shanghai).", text));
            doc.add(new Paragraph(" ", text));
            doc.add(new Paragraph("Computed with rulebook " + c.rulebookId() + " version " + c.rulebookVersion() + ".",
                    small));
            doc.add(new Paragraph("Verification code (" + notice.algorithm() + "): " + grouped(notice.verificationCode()),
                    small));
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the compliance notice", e);
        } finally {
            if (doc.isOpen()) {
                doc.close();
            }
        }
        return out.toByteArray();
    }

    private static PdfPCell cell(String s, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(s, font));
        cell.setPadding(4);
        return cell;
    }

    private BaseFont baseFont() {
        if (fontPath.isEmpty() || !Files.isReadable(Path.of(fontPath.get()))) {
            return null;
        }
        try {
            return BaseFont.createFont(fontPath.get(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("cannot load the notice font " + fontPath.get(), e);
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
