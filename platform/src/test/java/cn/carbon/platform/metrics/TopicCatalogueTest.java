package cn.carbon.platform.metrics;

import cn.carbon.contracts.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicCatalogueTest {

    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Test
    void lagIsMeasuredForSharedGroupsOnlyNeverForABroadcastTopic() {
        // every gateway replica reads the alerts in a group of its own: a lag under the name "gateway" would only grow
        // and fire the consumer-lag alert with nothing wrong
        assertThat(catalogue.publishedBy("risk-service")).extracting(TopicCatalogue.Topic::name)
                .contains(Topics.RISK_ALERTS);
        assertThat(catalogue.lagMeasuredBy("risk-service")).extracting(TopicCatalogue.Topic::name)
                .doesNotContain(Topics.RISK_ALERTS).doesNotContain(Topics.NET_PURCHASE_REPORTS);
        assertThat(catalogue.lagMeasuredBy("allocation-service")).extracting(TopicCatalogue.Topic::name)
                .contains(Topics.ENTITIES, Topics.ALLOCATIONS, Topics.OBLIGATIONS, Topics.RULEBOOKS);
        assertThat(catalogue.lagMeasuredBy("surrender-service")).extracting(TopicCatalogue.Topic::name)
                .containsExactlyInAnyOrder(Topics.LEDGER, Topics.COMPLIANCE);
    }
}
