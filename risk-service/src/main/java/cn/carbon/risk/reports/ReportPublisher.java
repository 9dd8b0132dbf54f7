package cn.carbon.risk.reports;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.NetPurchaseReportEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.platform.messaging.Outbox;
import cn.carbon.risk.rulebook.RiskRulebook;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes, in the transaction of an accepted feed, each province's report for every final-month week of the feed on
 * carbon.net-purchase-reports.v1 (key: the province code). A re-sent week publishes its reports again, replaced.
 */
@ApplicationScoped
public class ReportPublisher {

    /** A final-month week and the cycle it is reported for. */
    public record Week(LocalDate start, LocalDate end, RiskRulebook rulebook) {
    }

    private final WeeklyReports reports;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ReportPublisher(WeeklyReports reports, Outbox outbox, ObjectMapper json) {
        this.reports = reports;
        this.outbox = outbox;
        this.json = json;
    }

    /** @return how many province reports were published */
    @Transactional(Transactional.TxType.MANDATORY)
    public int publishForWeeks(List<Week> weeks) {
        int published = 0;
        Map<String, Map<String, Long>> gapsByCycle = new HashMap<>();
        for (Week week : weeks) {
            RiskRulebook rb = week.rulebook();
            Map<String, Long> gaps = gapsByCycle.computeIfAbsent(rb.cycle(), c -> new HashMap<>());
            for (String province : reports.provincesOf(week.start(), rb)) {
                List<String> usccs = reports.entitiesOf(province, week.start(), rb);
                List<String> missing = usccs.stream().filter(u -> !gaps.containsKey(u)).toList();
                gaps.putAll(reports.gaps(missing, rb));
                WeeklyReport r = reports.build(province, week.start(), week.end(), usccs, gaps, rb);
                NetPurchaseReportEvent event = new NetPurchaseReportEvent(province, r.cycle(), r.weekStart(), r.weekEnd(),
                        r.rows().stream().map(x -> new NetPurchaseReportEvent.Row(x.uscc(), x.boughtT(), x.soldT(),
                                x.netT(), x.cumulativeNetT(), x.remainingGapT())).toList());
                outbox.publish(Topics.NET_PURCHASE_REPORTS, EventEnvelope.of(NetPurchaseReportEvent.PUBLISHED,
                        "risk-service", province, r.cycle(), json.valueToTree(event)));
                published++;
            }
        }
        return published;
    }
}
