package io.omnistock.contracts;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of the topic catalog, for a broker with an authorizer: what the engine's
 * principals (the ledger job's and the analytics job's) and a downstream consumer's principal may
 * do, and nothing more. Each job reads its inputs, writes its outputs, commits offsets for its
 * consumer group and uses transactional ids under its prefix. A consumer reads the output topics
 * only: never the inputs, never the internal loop, and writes nothing. Principals are Kafka's form,
 * e.g. {@code User:omnistock}.
 */
public final class TopicAcls {

    /**
     * The ledger job's grants: its inputs (the internal {@code orders.reservations} included), its
     * outputs and the loop, its consumer group and its transactional ids.
     *
     * @param groupId the job's consumer group ({@code kafka.group-id})
     * @param transactionalIdPrefix the job's transactional id prefix ({@code
     *     kafka.transactional-id-prefix}); every exactly-once sink's ids start with it
     */
    public static List<AclBinding> engine(
            String principal, String groupId, String transactionalIdPrefix) {
        List<TopicSpec<?>> inputs = new ArrayList<>(Topics.LEDGER_INPUTS);
        inputs.addAll(Topics.LEDGER_RULE_INPUTS);
        return job(principal, inputs, Topics.LEDGER_OUTPUTS, groupId, transactionalIdPrefix);
    }

    /**
     * The analytics job's grants: it reads the ledger's decisions, dispositions, count checks and
     * dead letters, and writes the metric streams and its own dead letters.
     */
    public static List<AclBinding> analytics(
            String principal, String groupId, String transactionalIdPrefix) {
        List<TopicSpec<?>> outputs = new ArrayList<>(Topics.ANALYTICS_OUTPUTS);
        outputs.add(Topics.DEADLETTER);
        return job(principal, Topics.ANALYTICS_INPUTS, outputs, groupId, transactionalIdPrefix);
    }

    private static List<AclBinding> job(
            String principal,
            List<TopicSpec<?>> inputs,
            List<TopicSpec<?>> outputs,
            String groupId,
            String transactionalIdPrefix) {
        List<AclBinding> acls = new ArrayList<>();
        for (TopicSpec<?> input : inputs) {
            allow(acls, principal, topic(input), AclOperation.READ, AclOperation.DESCRIBE);
        }
        for (TopicSpec<?> output : outputs) {
            // DESCRIBE_CONFIGS: each sink reads its topic's max.message.bytes when it starts, to
            // dead-letter a record too large for the topic instead of failing on it.
            allow(
                    acls,
                    principal,
                    topic(output),
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE_CONFIGS);
            if (!inputs.contains(output)) {
                allow(acls, principal, topic(output), AclOperation.DESCRIBE);
            }
        }
        if (inputs.contains(Topics.RESERVATIONS)) {
            allow(acls, principal, topic(Topics.RESERVATIONS), AclOperation.WRITE);
        }
        allow(
                acls,
                principal,
                new ResourcePattern(ResourceType.GROUP, groupId, PatternType.LITERAL),
                AclOperation.READ,
                AclOperation.DESCRIBE);
        allow(
                acls,
                principal,
                new ResourcePattern(
                        ResourceType.TRANSACTIONAL_ID, transactionalIdPrefix, PatternType.PREFIXED),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        return acls;
    }

    /**
     * A downstream consumer's grants: read every output topic (not the internal loop), with
     * consumer groups whose ids start with {@code groupIdPrefix}.
     */
    public static List<AclBinding> consumer(String principal, String groupIdPrefix) {
        List<AclBinding> acls = new ArrayList<>();
        for (TopicSpec<?> output : Topics.all()) {
            if (!Topics.LEDGER_INPUTS.contains(output)) {
                allow(acls, principal, topic(output), AclOperation.READ, AclOperation.DESCRIBE);
            }
        }
        allow(
                acls,
                principal,
                new ResourcePattern(ResourceType.GROUP, groupIdPrefix, PatternType.PREFIXED),
                AclOperation.READ,
                AclOperation.DESCRIBE);
        return acls;
    }

    private static ResourcePattern topic(TopicSpec<?> topic) {
        return new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL);
    }

    private static void allow(
            List<AclBinding> acls,
            String principal,
            ResourcePattern resource,
            AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(
                    new AclBinding(
                            resource,
                            new AccessControlEntry(
                                    principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    private TopicAcls() {}
}
