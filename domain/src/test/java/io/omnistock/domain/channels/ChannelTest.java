package io.omnistock.domain.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Available to sell per channel, hand-computed: ATS = max(0, ATP - buffer), 0 when excluded; the
 * most specific effective buffer wins, the first in the list among equally specific ones.
 */
class ChannelTest {
    private static final NodeInfo STORE_1 = new NodeInfo("S1", NodeType.STORE, NodeStatus.OPEN, 0);
    private static final NodeInfo STORE_2 = new NodeInfo("S2", NodeType.STORE, NodeStatus.OPEN, 0);
    private static final NodeInfo DC_1 = new NodeInfo("D1", NodeType.DC, NodeStatus.OPEN, 0);
    private static final long NOON = 1_000_000L;

    @Test
    void aChannelWithoutControlsSellsTheWholeAtp() {
        Channel web = channel();

        assertThat(web.ats("TOY-1", "toys", STORE_1, 10, NOON)).isEqualTo(10);
        assertThat(web.ats("TOY-1", "toys", STORE_1, -3, NOON)).as("never below 0").isZero();
    }

    @Test
    void anExclusionBySkuOrCategoryMakesAtsZeroWhateverTheBuffers() {
        Channel marketplace =
                channel(
                        buffer(ChannelScope.SKU_NODE, 1).at("TOY-1", "S1"),
                        exclude(ChannelScope.CATEGORY).of("garden"),
                        exclude(ChannelScope.SKU).sku("TOY-2"));

        assertThat(marketplace.ats("TOY-1", "toys", STORE_1, 10, NOON)).isEqualTo(9);
        assertThat(marketplace.ats("TOY-2", "toys", STORE_1, 10, NOON)).isZero();
        assertThat(marketplace.ats("HOSE-1", "garden", STORE_1, 10, NOON)).isZero();
        assertThat(marketplace.ats("HOSE-1", null, STORE_1, 10, NOON))
                .as("a category exclusion needs the SKU's category")
                .isEqualTo(10);
        assertThat(marketplace.excludes("HOSE-1", "garden", NOON)).isTrue();
    }

    @Test
    void theMostSpecificBufferWinsWhateverItsPlaceInTheList() {
        Channel web =
                channel(
                        buffer(ChannelScope.NODE_TYPE, 4).type(NodeType.STORE),
                        buffer(ChannelScope.CATEGORY, 3).of("toys"),
                        buffer(ChannelScope.CATEGORY_NODE_TYPE, 6).of("toys").type(NodeType.DC),
                        buffer(ChannelScope.SKU, 2).sku("TOY-1"),
                        buffer(ChannelScope.SKU_NODE, 1).at("TOY-1", "S1"));

        assertThat(web.ats("TOY-1", "toys", STORE_1, 10, NOON)).as("SKU_NODE: 10 - 1").isEqualTo(9);
        assertThat(web.ats("TOY-1", "toys", STORE_2, 10, NOON)).as("SKU: 10 - 2").isEqualTo(8);
        assertThat(web.ats("TOY-2", "toys", DC_1, 10, NOON))
                .as("CATEGORY_NODE_TYPE: 10 - 6")
                .isEqualTo(4);
        assertThat(web.ats("TOY-2", "toys", STORE_1, 10, NOON)).as("CATEGORY: 10 - 3").isEqualTo(7);
        assertThat(web.ats("PAN-1", "kitchen", STORE_1, 10, NOON))
                .as("NODE_TYPE: 10 - 4")
                .isEqualTo(6);
        assertThat(web.ats("PAN-1", "kitchen", DC_1, 10, NOON)).as("no buffer").isEqualTo(10);
        assertThat(web.ats("TOY-1", "toys", STORE_1, 0, NOON)).isZero();
        assertThat(web.ats("TOY-2", "toys", DC_1, 5, NOON)).as("max(0, 5 - 6)").isZero();
    }

    @Test
    void amongEquallySpecificBuffersTheFirstInTheListWins() {
        Channel web =
                channel(
                        buffer(ChannelScope.SKU, 5).sku("TOY-1"),
                        buffer(ChannelScope.SKU, 1).sku("TOY-1"));

        assertThat(web.ats("TOY-1", "toys", STORE_1, 10, NOON)).isEqualTo(5);
    }

    @Test
    void aPercentageBufferHoldsBackThatShareOfAtpRoundedUp() {
        Channel app = channel(percent(ChannelScope.SKU, 25).sku("TOY-1"));

        assertThat(app.ats("TOY-1", "toys", STORE_1, 10, NOON)).as("10 - ceil(2.5)").isEqualTo(7);
        assertThat(app.ats("TOY-1", "toys", STORE_1, 8, NOON)).as("8 - 2").isEqualTo(6);
        assertThat(app.ats("TOY-1", "toys", STORE_1, 1, NOON)).as("1 - ceil(0.25)").isZero();
        assertThat(app.ats("TOY-1", "toys", STORE_1, 0, NOON)).isZero();
        assertThat(
                        channel(percent(ChannelScope.SKU, 100).sku("TOY-1"))
                                .ats("TOY-1", null, STORE_1, 7, NOON))
                .isZero();
        assertThat(
                        channel(percent(ChannelScope.SKU, 0).sku("TOY-1"))
                                .ats("TOY-1", null, STORE_1, 7, NOON))
                .isEqualTo(7);
    }

    @Test
    void controlsApplyFromTheirStartUntilTheirEndInEventTime() {
        ChannelControl sale = buffer(ChannelScope.SKU, 4).sku("TOY-1");
        sale.effectiveFrom = NOON;
        sale.effectiveUntil = NOON + 60_000;
        ChannelControl later = exclude(ChannelScope.SKU).sku("TOY-1");
        later.effectiveFrom = NOON + 120_000;
        Channel web = channel(sale, later);

        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON - 1)).as("before").isEqualTo(10);
        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON)).as("from: inclusive").isEqualTo(6);
        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON + 59_999)).isEqualTo(6);
        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON + 60_000))
                .as("until: exclusive")
                .isEqualTo(10);
        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON + 120_000)).as("excluded").isZero();
    }

    @Test
    void aMoreSpecificBufferNotYetInForceLeavesTheLessSpecificOne() {
        ChannelControl skuNode = buffer(ChannelScope.SKU_NODE, 1).at("TOY-1", "S1");
        skuNode.effectiveFrom = NOON + 1;
        Channel web = channel(buffer(ChannelScope.SKU, 3).sku("TOY-1"), skuNode);

        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON)).isEqualTo(7);
        assertThat(web.ats("TOY-1", null, STORE_1, 10, NOON + 1)).isEqualTo(9);
    }

    @Test
    void aRemovedChannelLimitsNothingAndOnlyANewerVersionReplacesIt() {
        Channel web = channel(exclude(ChannelScope.SKU).sku("TOY-1"));
        web.updatedAt = 10;
        Channel removed = Channel.removed("WEB", 20);

        assertThat(removed.ats("TOY-1", null, STORE_1, 10, NOON)).isEqualTo(10);
        assertThat(removed.supersedes(web)).isTrue();
        assertThat(web.supersedes(removed)).as("an older version arriving later").isFalse();
        assertThat(((Channels) id -> removed).limiting("WEB")).isNull();
        assertThat(((Channels) id -> web).limiting("WEB")).isSameAs(web);
        assertThat(((Channels) id -> web).limiting("")).isNull();
        assertThat(Channels.NONE.limiting("WEB")).isNull();
    }

    private static Channel channel(ChannelControl... controls) {
        return new Channel("WEB", 0, List.of(controls));
    }

    private static Control buffer(ChannelScope scope, long units) {
        Control c = new Control(ChannelControlKind.BUFFER, scope);
        c.units = units;
        return c;
    }

    private static Control percent(ChannelScope scope, int percent) {
        Control c = new Control(ChannelControlKind.BUFFER, scope);
        c.percent = percent;
        return c;
    }

    private static Control exclude(ChannelScope scope) {
        return new Control(ChannelControlKind.EXCLUDE, scope);
    }

    /** A control built fluently by the test. */
    private static final class Control extends ChannelControl {
        Control(ChannelControlKind kind, ChannelScope scope) {
            this.kind = kind;
            this.scope = scope;
        }

        Control sku(String sku) {
            this.sku = sku;
            return this;
        }

        Control at(String sku, String nodeId) {
            this.sku = sku;
            this.nodeId = nodeId;
            return this;
        }

        Control of(String category) {
            this.category = category;
            return this;
        }

        Control type(NodeType type) {
            this.nodeType = type;
            return this;
        }
    }
}
