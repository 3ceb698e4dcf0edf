package io.meltanodata.servicefabric;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.bcmdata.Export;
import com.pulumi.aws.bcmdata.ExportArgs;
import com.pulumi.aws.bcmdata.inputs.ExportExportArgs;
import com.pulumi.aws.bcmdata.inputs.ExportExportDataQueryArgs;
import com.pulumi.aws.bcmdata.inputs.ExportExportDestinationConfigurationArgs;
import com.pulumi.aws.bcmdata.inputs.ExportExportDestinationConfigurationS3DestinationArgs;
import com.pulumi.aws.bcmdata.inputs.ExportExportDestinationConfigurationS3DestinationS3OutputConfigurationArgs;
import com.pulumi.aws.bcmdata.inputs.ExportExportRefreshCadenceArgs;
import com.pulumi.aws.costexplorer.CostAllocationTag;
import com.pulumi.aws.costexplorer.CostAllocationTagArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.storage.SecureBucket;
import io.meltanodata.servicefabric.BillingConfig.Mode;
import io.meltanodata.servicefabric.BillingConfig.S3Location;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The billing data charge-back is computed from (docs/cost.md, "Charge-back"). With
 * {@code billingExport: create} (the paying account): a CUR 2.0 Data Export, daily, Parquet, with
 * resource ids and EKS split cost allocation data, into a bucket of the fabric that admits only the
 * billing services acting for this account; and the charge-back keys already seen in billing data
 * activated as cost allocation tags. With {@code create} or {@code external} and an alerts
 * repository: the read-only role of the bill-alerts.yml workflow.
 *
 * <p>Data Exports and Cost Explorer are served from us-east-1 only, whatever the fabric's region
 * (AWS Data Exports User Guide, "Creating data exports"); the bucket stays in the fabric's region.
 */
final class BillingData {
    static final String TABLE = "COST_AND_USAGE_REPORT";
    /**
     * The CUR 2.0 columns the bill reads (AWS Data Exports User Guide, "Cost and Usage Report (CUR)
     * 2.0" table dictionary, https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html):
     * a query must name its columns; split_line_item_* exist with INCLUDE_SPLIT_COST_ALLOCATION_DATA,
     * line_item_resource_id with INCLUDE_RESOURCES.
     */
    static final List<String> COLUMNS = List.of("bill_billing_period_start_date", "bill_payer_account_id",
            "identity_line_item_id", "identity_time_interval", "line_item_usage_account_id", "line_item_line_item_type",
            "line_item_product_code", "line_item_usage_type", "line_item_operation", "line_item_resource_id",
            "line_item_usage_start_date", "line_item_usage_end_date", "line_item_usage_amount", "line_item_currency_code",
            "line_item_unblended_cost", "line_item_net_unblended_cost", "pricing_unit", "resource_tags",
            "split_line_item_parent_resource_id", "split_line_item_split_usage", "split_line_item_split_usage_ratio",
            "split_line_item_reserved_usage", "split_line_item_actual_usage", "split_line_item_split_cost",
            "split_line_item_unused_cost", "split_line_item_net_split_cost", "split_line_item_net_unused_cost",
            "split_line_item_public_on_demand_split_cost", "split_line_item_public_on_demand_unused_cost");
    /** INCLUDE_SPLIT_COST_ALLOCATION_DATA adds the pods' rows; DAILY is enough for a month's bill and forecast. */
    static final Map<String, String> TABLE_CONFIGURATION = Map.of(
            "TIME_GRANULARITY", "DAILY",
            "INCLUDE_RESOURCES", "TRUE",
            "INCLUDE_SPLIT_COST_ALLOCATION_DATA", "TRUE",
            "INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY", "FALSE");
    static final String DATA_EXPORTS_REGION = "us-east-1";
    static final int NONCURRENT_DAYS = 7;

    private final Optional<S3Location> location;

    BillingData(ServiceFabricConfig config, Output<String> accountId, Output<String> alertTopicArn, Output<String> keyArn,
                Output<String> githubOidcArn, Resource parent) {
        BillingConfig billing = config.billing();
        var child = CustomResourceOptions.builder().parent(parent).build();
        location = switch (billing.export()) {
            case CREATE -> Optional.of(new S3Location(bucketName(config.fabricName()), BillingConfig.PREFIX));
            case EXTERNAL -> billing.externalUri();
            case NONE -> Optional.empty();
        };
        if (billing.export() == Mode.CREATE) {
            var usEast1 = new Provider("billing-us-east-1", ProviderArgs.builder().region(DATA_EXPORTS_REGION).build(), child);
            var inUsEast1 = CustomResourceOptions.builder().parent(parent).provider(usEast1).build();
            S3Location at = location.orElseThrow();
            var bucket = new SecureBucket("billing-bucket", at.bucket(), Optional.empty(), parent);
            var policy = bucket.policy(arn -> accountId.applyValue(account -> List.of(deliveryStatement(arn, account))));
            // Each daily refresh overwrites the month's files: a week of earlier versions is enough to compare.
            bucket.expireNoncurrentVersions("billing-bucket-lifecycle", NONCURRENT_DAYS, NONCURRENT_DAYS);
            new Export("billing-export", ExportArgs.builder()
                    .export(ExportExportArgs.builder()
                            .name(exportName(config.fabricName()))
                            .description("MeltanoData fabric " + config.fabricName() + ": CUR 2.0 with split cost allocation data")
                            .dataQueries(ExportExportDataQueryArgs.builder()
                                    .queryStatement(query())
                                    .tableConfigurations(Map.of(TABLE, TABLE_CONFIGURATION))
                                    .build())
                            .destinationConfigurations(ExportExportDestinationConfigurationArgs.builder()
                                    .s3Destinations(ExportExportDestinationConfigurationS3DestinationArgs.builder()
                                            .s3Bucket(at.bucket())
                                            .s3Prefix(at.prefix())
                                            .s3Region(config.region())
                                            .s3OutputConfigurations(ExportExportDestinationConfigurationS3DestinationS3OutputConfigurationArgs.builder()
                                                    .outputType("CUSTOM").format("PARQUET").compression("PARQUET")
                                                    .overwrite("OVERWRITE_REPORT").build())
                                            .build())
                                    .build())
                            .refreshCadences(ExportExportRefreshCadenceArgs.builder().frequency("SYNCHRONOUS").build())
                            .build())
                    .build(), CustomResourceOptions.builder().parent(parent).provider(usEast1).dependsOn(policy).build());
            for (String tag : billing.activeTags()) {
                new CostAllocationTag("cost-allocation-tag-" + Names.of(NameKind.DNS_LABEL, tag), CostAllocationTagArgs.builder()
                        .tagKey(tag).status("Active").build(), inUsEast1);
            }
        }
        if (location.isPresent() && billing.alertsRepository().isPresent()) {
            String roleName = readerRoleName(config.fabricName());
            String repository = billing.alertsRepository().get();
            S3Location at = location.get();
            var role = new Role("bill-reader", RoleArgs.builder()
                    .name(roleName)
                    .description("bill-alerts.yml of " + repository + ": reads fabric " + config.fabricName()
                            + "'s billing export, publishes to its alert topic")
                    .assumeRolePolicy(githubOidcArn.applyValue(provider -> trust(provider, repository).toJson()))
                    .build(), child);
            new RolePolicy("bill-reader-policy", RolePolicyArgs.builder()
                    .role(role.name())
                    .policy(Output.tuple(alertTopicArn, keyArn).applyValue(t -> readerPermissions(at, t.t1, t.t2).toJson()))
                    .build(), child);
        }
    }

    static String bucketName(String fabric) {
        return Names.of(NameKind.S3_BUCKET, "meltanodata", fabric, "billing");
    }

    static String exportName(String fabric) {
        return "meltanodata-" + fabric + "-cur2";
    }

    static String readerRoleName(String fabric) {
        return Names.of(NameKind.IAM_ROLE, "meltanodata", fabric, "bill", "reader");
    }

    static String query() {
        return "SELECT " + String.join(", ", COLUMNS) + " FROM " + TABLE;
    }

    /**
     * The statement AWS Data Exports User Guide, "Setting up an Amazon S3 bucket for data exports"
     * (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html) requires, as written
     * there: the billing services may write objects and read the policy, only for this account's
     * exports (and CUR definitions, which the page's policy names too).
     */
    static PolicyStatement deliveryStatement(String bucketArn, String accountId) {
        return PolicyStatement.allow("s3:PutObject", "s3:GetBucketPolicy")
                .principal("Service", List.of("billingreports.amazonaws.com", "bcm-data-exports.amazonaws.com"))
                .on(bucketArn + "/*", bucketArn)
                .when("StringLike", "aws:SourceAccount", accountId)
                .when("StringLike", "aws:SourceArn", List.of(
                        "arn:aws:cur:" + DATA_EXPORTS_REGION + ":" + accountId + ":definition/*",
                        "arn:aws:bcm-data-exports:" + DATA_EXPORTS_REGION + ":" + accountId + ":export/*"))
                .sid("EnableAWSDataExportsToWriteToS3AndCheckPolicy");
    }

    /** Only runs of bill-alerts.yml in the repository's {@code billing} GitHub environment. */
    static PolicyDocument trust(String providerArn, String repository) {
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRoleWithWebIdentity")
                .principal("Federated", providerArn)
                .when("StringEquals", GitHubOidc.HOST + ":aud", "sts.amazonaws.com")
                .when("StringEquals", GitHubOidc.HOST + ":sub", "repo:" + repository + ":environment:billing")
                .sid("BillAlertsWorkflow"));
    }

    /**
     * Read the export, nothing else of S3; publish to the alert topic, which is encrypted with the
     * fabric key (SNS calls KMS as the publisher).
     */
    static PolicyDocument readerPermissions(S3Location at, String topicArn, String keyArn) {
        String bucketArn = SecureBucket.arnOf(at.bucket());
        String objects = at.prefix().isEmpty() ? bucketArn + "/*" : bucketArn + "/" + at.prefix() + "/*";
        String listed = at.prefix().isEmpty() ? "*" : at.prefix() + "/*";
        return PolicyDocument.of(
                PolicyStatement.allow("s3:ListBucket").on(bucketArn).when("StringLike", "s3:prefix", listed)
                        .sid("ListTheExport"),
                PolicyStatement.allow("s3:GetObject").on(objects).sid("ReadTheExport"),
                PolicyStatement.allow("sns:Publish").on(topicArn).sid("PublishBillAlerts"),
                PolicyStatement.allow("kms:GenerateDataKey*", "kms:Decrypt").on(keyArn)
                        .when("StringEquals", "kms:ViaService", "sns." + regionOf(topicArn) + ".amazonaws.com")
                        .sid("ToTheEncryptedTopic"));
    }

    private static String regionOf(String arn) {
        return arn.split(":")[3];
    }

    /** Where the bill reads: {@code s3://bucket/prefix}, if the fabric has billing data. */
    Optional<S3Location> location() {
        return location;
    }
}
