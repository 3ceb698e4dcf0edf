package io.meltanodata.servicefabric;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.LogMetricFilter;
import com.pulumi.aws.cloudwatch.LogMetricFilterArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.LogMetricFilterMetricTransformationArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.kubernetes.MeltanoRuns;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.Map;

/**
 * Alerting shared by every site: one KMS-encrypted SNS topic (email subscribers from config),
 * alarms on the cluster's health from Container Insights, and an alarm on failed Meltano runs,
 * counted by a metric filter over the job log group every environment's runs write to: each pod's
 * run wrapper writes its run's output to its own stream there, with the pod's own role (decision
 * 0007). No run, no event, no data point: {@code treatMissingData=notBreaching} keeps the alarm OK.
 */
final class Monitoring {
    static final String METRIC_NAMESPACE = "MeltanoData";
    static final String FAILED_RUNS_METRIC = "FailedMeltanoRuns";

    private final Topic alerts;
    private final LogGroup jobLogs;

    Monitoring(ServiceFabricConfig config, Cluster cluster, FabricKey key, Output<String> accountId, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        String fabric = config.fabricName();
        alerts = new Topic("alerts", TopicArgs.builder()
                .name(Names.of(NameKind.SNS_TOPIC, "meltanodata", fabric, "alerts"))
                .kmsMasterKeyId(key.key().arn())
                .build(), child);
        // Alarms and the environments' budgets (Layer 4) publish here.
        new TopicPolicy("alerts-policy", TopicPolicyArgs.builder()
                .arn(alerts.arn())
                .policy(Output.tuple(alerts.arn(), accountId).applyValue(t -> PolicyDocument.of(
                        PolicyStatement.allow("sns:Publish")
                                .principal("Service", java.util.List.of("cloudwatch.amazonaws.com", "budgets.amazonaws.com"))
                                .on(t.t1).when("StringEquals", "aws:SourceAccount", t.t2).sid("AlarmsAndBudgetsPublish")).toJson()))
                .build(), child);
        for (int i = 0; i < config.alertEmails().size(); i++) {
            new TopicSubscription("alert-email-" + i, TopicSubscriptionArgs.builder()
                    .topic(alerts.arn()).protocol("email").endpoint(config.alertEmails().get(i)).build(), child);
        }

        jobLogs = new LogGroup("job-logs", LogGroupArgs.builder()
                .name("/meltanodata/" + fabric + "/jobs")
                .retentionInDays(config.logRetentionDays())
                .build(), child);
        new LogMetricFilter("failed-runs", LogMetricFilterArgs.builder()
                .name(Names.of(NameKind.CLOUDWATCH_ALARM, "meltanodata", fabric, "failed-runs"))
                .logGroupName(jobLogs.name())
                .pattern(MeltanoRuns.failedRunFilterPattern())
                .metricTransformation(LogMetricFilterMetricTransformationArgs.builder()
                        .namespace(METRIC_NAMESPACE).name(FAILED_RUNS_METRIC + "-" + fabric).value("1").defaultValue("0")
                        .build())
                .build(), child);
        alarm(fabric, "failed-runs-alarm", "A Meltano run failed in fabric " + fabric, METRIC_NAMESPACE,
                FAILED_RUNS_METRIC + "-" + fabric, Output.of(Map.of()), 0, 300, child);

        Output<Map<String, String>> clusterDimension = cluster.cluster().name().applyValue(n -> Map.of("ClusterName", n));
        alarm(fabric, "cluster-failed-nodes", "EKS nodes failing in fabric " + fabric, "ContainerInsights",
                "cluster_failed_node_count", clusterDimension, 0, 300, child);
        alarm(fabric, "cluster-node-cpu", "EKS node CPU above 85% in fabric " + fabric, "ContainerInsights",
                "node_cpu_utilization", clusterDimension, 85, 900, child);
    }

    private void alarm(String fabric, String name, String description, String namespace, String metric,
                       Output<Map<String, String>> dimensions, double threshold, int period, CustomResourceOptions child) {
        new MetricAlarm(name, MetricAlarmArgs.builder()
                .name(Names.of(NameKind.CLOUDWATCH_ALARM, "meltanodata", fabric, name))
                .alarmDescription(description)
                .namespace(namespace)
                .metricName(metric)
                .dimensions(dimensions)
                .statistic(threshold == 0 ? "Sum" : "Average")
                .period(period)
                .evaluationPeriods(1)
                .threshold(threshold)
                .comparisonOperator("GreaterThanThreshold")
                .treatMissingData("notBreaching")
                .alarmActions(alerts.arn().applyValue(java.util.List::of))
                .okActions(alerts.arn().applyValue(java.util.List::of))
                .build(), child);
    }

    Topic alerts() {
        return alerts;
    }

    LogGroup jobLogs() {
        return jobLogs;
    }
}
