package io.meltanodata.servicefabric;

import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The billing data charge-back reads (issue 24 item 1), as AWS documents it:
 * <ul>
 * <li>AWS Data Exports User Guide, "Setting up an Amazon S3 bucket for data exports",
 * https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html (the bucket policy);</li>
 * <li>"Creating data exports", https://docs.aws.amazon.com/cur/latest/userguide/dataexports-create.html
 * (Data Exports is in us-east-1; Parquet; overwrite);</li>
 * <li>"Cost and Usage Report (CUR) 2.0" table configurations,
 * https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html
 * (INCLUDE_SPLIT_COST_ALLOCATION_DATA, INCLUDE_RESOURCES, TIME_GRANULARITY);</li>
 * <li>AWS Billing User Guide, "Activating user-defined cost allocation tags",
 * https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html, and Cost Explorer API
 * UpdateCostAllocationTagsStatus (a key must have been seen in billing data before it can be activated).</li>
 * </ul>
 */
class BillingDataTest {
    static final String EXPORT = "aws:bcmdata/export:Export";
    static final String TAG = "aws:costexplorer/costAllocationTag:CostAllocationTag";
    static final String ROLE = "aws:iam/role:Role";

    static Rendering create(String... extra) {
        Map<String, String> config = validConfig();
        config.put("meltanodata:billingExport", "create");
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return render(config);
    }

    @Test
    void withoutBillingConfigNothingBillingIsCreated() {
        Rendering fabric = render(validConfig());
        assertTrue(fabric.ofType(EXPORT).isEmpty());
        assertTrue(fabric.ofType(TAG).isEmpty());
        assertTrue(fabric.where(r -> r.name().startsWith("bill")).isEmpty(), "no billing bucket, no reader role");
    }

    /**
     * AWS Data Exports User Guide, "Creating data exports"
     * (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-create.html) and "Quotas and restrictions"
     * (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-quotas.html): an account holds at most 5
     * CUR 2.0 exports, so a paying fabric makes exactly one (five fabrics may share a payer); an export made
     * through the API needs its bucket and policy first; the first delivery takes up to 24 hours and the
     * data is refreshed at least daily. The export's table configuration is the CUR 2.0 table dictionary's
     * (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html).
     */
    @Test
    void thePayingAccountExportsCur2WithSplitCostAllocationDataAsParquetFromUsEast1() {
        Rendering fabric = create();
        assertEquals(1, fabric.ofType(EXPORT).size(), "one of the account's 5 CUR 2.0 exports per paying fabric");
        RecordedResource export = one(fabric, EXPORT);
        assertEquals("meltanodata-test-cur2", input(export, "export.name"));
        String query = input(export, "export.dataQueries[0].queryStatement");
        assertTrue(query.startsWith("SELECT bill_billing_period_start_date, "), query);
        assertTrue(query.endsWith(" FROM COST_AND_USAGE_REPORT"), query);
        for (String column : List.of("line_item_resource_id", "line_item_unblended_cost", "resource_tags",
                "split_line_item_parent_resource_id", "split_line_item_split_cost", "split_line_item_unused_cost")) {
            assertTrue(query.contains(" " + column + ","), column);
        }
        assertEquals(Map.of("COST_AND_USAGE_REPORT", Map.of("TIME_GRANULARITY", "DAILY", "INCLUDE_RESOURCES", "TRUE",
                        "INCLUDE_SPLIT_COST_ALLOCATION_DATA", "TRUE", "INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY", "FALSE")),
                input(export, "export.dataQueries[0].tableConfigurations"));
        assertEquals(Map.of("s3Bucket", "meltanodata-test-billing", "s3Prefix", "cur2", "s3Region", "eu-west-1",
                        "s3OutputConfigurations", List.of(Map.of("outputType", "CUSTOM", "format", "PARQUET",
                                "compression", "PARQUET", "overwrite", "OVERWRITE_REPORT"))),
                input(export, "export.destinationConfigurations[0].s3Destinations[0]"));
        assertEquals("SYNCHRONOUS", input(export, "export.refreshCadences[0].frequency"));
        assertEquals(List.of("billing-bucket-policy"), export.dependsOn(),
                "Data Exports checks the bucket policy when the export is created");
        assertEquals("us-east-1", input(named(fabric, "pulumi:providers:aws", "billing-us-east-1"), "region"),
                "the Data Exports and Cost Explorer APIs are in us-east-1 only");
        assertEquals("test", input(export, "tags.meltanodata:fabric"));
    }

    @Test
    void theExportBucketAdmitsOnlyTheBillingServicesOfThisAccount() {
        Rendering fabric = create();
        RecordedResource bucket = named(fabric, "aws:s3/bucketV2:BucketV2", "billing-bucket");
        assertEquals("meltanodata-test-billing", input(bucket, "bucket"));
        assertTrue(bucket.protect() && bucket.retainOnDelete(), "a month's billing data survives a mistaken destroy");
        RecordedResource block = named(fabric, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "billing-bucket-public-access");
        for (String setting : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertEquals(true, input(block, setting), setting);
        }
        assertEquals("BucketOwnerEnforced", input(named(fabric, "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                "billing-bucket-ownership"), "rule.objectOwnership"));
        assertEquals("AES256", input(named(fabric, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "billing-bucket-encryption"), "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals(7, ((Number) input(named(fabric, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                "billing-bucket-lifecycle"), "rules[0].noncurrentVersionExpiration.noncurrentDays")).intValue(),
                "each refresh overwrites the month's files (OVERWRITE_REPORT): old versions expire");
        String arn = "arn:aws:s3:::meltanodata-test-billing";
        List<Map<String, Object>> statements = PolicyDocument.parse(input(named(fabric, "aws:s3/bucketPolicy:BucketPolicy",
                "billing-bucket-policy"), "policy"));
        assertEquals(2, statements.size());
        assertEquals("DenyInsecureTransport", statements.get(0).get("Sid"));
        assertEquals(Map.of(
                "Sid", "EnableAWSDataExportsToWriteToS3AndCheckPolicy",
                "Effect", "Allow",
                "Principal", Map.of("Service", List.of("billingreports.amazonaws.com", "bcm-data-exports.amazonaws.com")),
                "Action", List.of("s3:PutObject", "s3:GetBucketPolicy"),
                "Resource", List.of(arn + "/*", arn),
                "Condition", Map.of("StringLike", Map.of(
                        "aws:SourceAccount", "123456789012",
                        "aws:SourceArn", List.of("arn:aws:cur:us-east-1:123456789012:definition/*",
                                "arn:aws:bcm-data-exports:us-east-1:123456789012:export/*")))), statements.get(1));
    }

    /**
     * AWS Billing User Guide, "Activating user-defined cost allocation tags"
     * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html): only the
     * organization's management account (or a standalone account) activates tags, a key appears only
     * after billing data has seen it (up to 24 hours after it is first applied), and activation is not
     * retroactive. Cost Explorer API "UpdateCostAllocationTagsStatus" and "CostAllocationTagStatusEntry"
     * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_UpdateCostAllocationTagsStatus.html):
     * status Active or Inactive, a key of at most 1,024 characters. So nothing is activated until
     * configured, each configured key is one CostAllocationTag, and only in the paying fabric
     * ({@code billingExport: create}: the config refuses the key elsewhere, ServiceFabricConfigTest).
     */
    @Test
    void onlyTheConfiguredKeysAreActivatedSinceAwsRefusesKeysNeverSeenInBillingData() {
        assertTrue(create().ofType(TAG).isEmpty(), "no key is known to exist before the first bill");
        Rendering fabric = create("meltanodata:costAllocationTags", "[\"meltanodata:site\",\"meltanodata.io/instance\"]");
        List<RecordedResource> tags = fabric.ofType(TAG);
        assertEquals(List.of("meltanodata:site", "meltanodata.io/instance"), tags.stream().map(t -> input(t, "tagKey")).toList());
        tags.forEach(t -> assertEquals("Active", input(t, "status")));
        tags.forEach(t -> assertTrue(((String) input(t, "tagKey")).length() <= 1024, "CostAllocationTagStatusEntry: TagKey"));
    }

    @Test
    void theAlertsWorkflowReadsTheExportAndPublishesToTheAlertTopicOnly() {
        Rendering fabric = create("meltanodata:billingAlertsRepository", "acme/platform");
        RecordedResource role = named(fabric, ROLE, "bill-reader");
        assertEquals("meltanodata-test-bill-reader", input(role, "name"));
        List<Map<String, Object>> trust = PolicyDocument.parse(input(role, "assumeRolePolicy"));
        assertEquals(Map.of("StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub", "repo:acme/platform:environment:billing")), trust.get(0).get("Condition"));
        assertEquals("sts:AssumeRoleWithWebIdentity", ((List<?>) trust.get(0).get("Action")).get(0));
        List<Map<String, Object>> permissions = PolicyDocument.parse(input(named(fabric, "aws:iam/rolePolicy:RolePolicy",
                "bill-reader-policy"), "policy"));
        String bucket = "arn:aws:s3:::meltanodata-test-billing";
        assertEquals(List.of(bucket), permissions.get(0).get("Resource"));
        assertEquals(Map.of("StringLike", Map.of("s3:prefix", "cur2/*")), permissions.get(0).get("Condition"));
        assertEquals(List.of(bucket + "/cur2/*"), permissions.get(1).get("Resource"));
        assertEquals(List.of("sns:Publish"), permissions.get(2).get("Action"));
        assertEquals(List.of(fabric.outputs().get("alertTopicArn")), permissions.get(2).get("Resource"));
        assertEquals(List.of(fabric.outputs().get("fabricKeyArn")), permissions.get(3).get("Resource"));
        assertEquals(4, permissions.size(), "nothing else: no write, no other bucket");
    }

    @Test
    void anExternalExportIsReadWhereItIsAndNothingIsCreatedForIt() {
        Map<String, String> config = validConfig();
        config.put("meltanodata:billingExport", "external");
        config.put("meltanodata:billingExportUri", "s3://payer-billing/exports/meltanodata/");
        config.put("meltanodata:billingAlertsRepository", "acme/platform");
        Rendering fabric = render(config);
        assertTrue(fabric.ofType(EXPORT).isEmpty());
        assertTrue(fabric.where(r -> r.name().startsWith("billing-")).isEmpty());
        List<Map<String, Object>> permissions = PolicyDocument.parse(input(named(fabric, "aws:iam/rolePolicy:RolePolicy",
                "bill-reader-policy"), "policy"));
        assertEquals(List.of("arn:aws:s3:::payer-billing/exports/meltanodata/*"), permissions.get(1).get("Resource"));
    }
}
