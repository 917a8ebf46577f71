package io.omnistock.engine;

import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.returns.ReturnTriage;
import io.omnistock.domain.returns.Returns;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Typed options of returns triage; each one is listed in the README's configuration table. */
public final class ReturnsOptions {
    public static final ConfigOption<String> TRIAGE_RULES =
            ConfigOptions.key("returns.triage-rules")
                    .stringType()
                    .defaultValue(ReturnTriage.DEFAULT_RULES)
                    .withDescription(
                            "Triage rules for graded returns, first match wins, separated by ';':"
                                    + " 'name: grade=A|B & category=x|y & value>=N & value<N ->"
                                    + " RESTOCK|REFURBISH|LIQUIDATE|RECYCLE'; the last rule must be"
                                    + " 'name: * -> DISPOSITION'.");

    /**
     * Returns triage as configured, weighing returned units like routing does.
     *
     * @throws IllegalArgumentException naming the rule that does not read
     */
    public static Returns returns(ReadableConfig conf) {
        return new Returns(
                ReturnTriage.parse(conf.get(TRIAGE_RULES)),
                CarbonFactorTable.loadDefault(),
                conf.get(RoutingOptions.UNIT_WEIGHT_KG));
    }

    private ReturnsOptions() {}
}
