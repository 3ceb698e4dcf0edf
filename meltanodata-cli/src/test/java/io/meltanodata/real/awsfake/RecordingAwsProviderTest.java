package io.meltanodata.real.awsfake;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.Provider.CreateResponse;
import pulumirpc.Provider.DeleteRequest;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.InvokeRequest;
import pulumirpc.Provider.ReadRequest;
import pulumirpc.Provider.UpdateRequest;
import pulumirpc.ResourceProviderGrpc;
import pulumirpc.ResourceProviderGrpc.ResourceProviderBlockingStub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording AWS test double, driven over gRPC the way the Pulumi engine drives a provider. */
class RecordingAwsProviderTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String STACK = "urn:pulumi:dev::meltanodata-service-fabric::";

    @TempDir
    Path dir;
    private Server server;
    private ManagedChannel channel;
    private ResourceProviderBlockingStub aws;
    private AwsRecords records;

    @BeforeEach
    void start() throws IOException {
        records = new AwsRecords(dir.resolve("aws-records.jsonl"));
        server = RecordingAwsProvider.serve(new RecordingAwsProvider(records, Map.of(
                FakeEks.ENDPOINT_ENV, "https://127.0.0.1:6443", FakeEks.CA_ENV, "Q0EgZGF0YQ==")));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        aws = ResourceProviderGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void reportsThePluginVersionTheAwsSdkAsksFor() throws IOException {
        String sdkPluginJson;
        try (InputStream in = com.pulumi.aws.Provider.class.getResourceAsStream("/com/pulumi/aws/plugin.json")) {
            sdkPluginJson = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String sdkVersion = Structs.JSON.readTree(sdkPluginJson).get("version").asText();

        assertEquals(sdkVersion, aws.getPluginInfo(Empty.getDefaultInstance()).getVersion());
    }

    @Test
    void checkReturnsTheInputsAsTheyAreWithNoFailures() {
        Struct news = struct(Map.of("bucket", "meltanodata-dev-acme", "tags", Map.of("meltanodata:layer", "site")));

        var checked = aws.check(CheckRequest.newBuilder().setUrn(urn("aws:s3/bucketV2:BucketV2", "data"))
                .setNews(news).build());

        assertEquals(news, checked.getInputs());
        assertEquals(0, checked.getFailuresCount());
    }

    @Test
    void createsIdsAndArnsInAwsFormatsInTheConfiguredAccountAndRegion() {
        configure(Map.of("region", "eu-west-1", "allowedAccountIds", List.of("444455556666")));

        var bucket = create("aws:s3/bucketV2:BucketV2", "data", Map.of("bucket", "meltanodata-dev-acme"));
        var role = create("aws:iam/role:Role", "admin", Map.of("name", "dev-acme-admin", "path", "/meltanodata/dev/acme/"));
        var key = create("aws:kms/key:Key", "key", Map.of("description", "acme"));
        var logs = create("aws:cloudwatch/logGroup:LogGroup", "logs", Map.of("name", "/aws/eks/dev/cluster"));
        var secret = create("aws:secretsmanager/secret:Secret", "s", Map.of("name", "meltanodata/dev/acme/db"));
        var repo = create("aws:ecr/repository:Repository", "r", Map.of("name", "dev/acme/analytics"));

        assertEquals("meltanodata-dev-acme", bucket.getId());
        assertEquals("arn:aws:s3:::meltanodata-dev-acme", text(bucket, "arn"));
        assertEquals("meltanodata-dev-acme.s3.eu-west-1.amazonaws.com", text(bucket, "bucketRegionalDomainName"));
        assertEquals("dev-acme-admin", role.getId());
        assertEquals("arn:aws:iam::444455556666:role/meltanodata/dev/acme/dev-acme-admin", text(role, "arn"));
        assertTrue(key.getId().matches(UUID), key.getId());
        assertEquals(key.getId(), text(key, "keyId"));
        assertEquals("arn:aws:kms:eu-west-1:444455556666:key/" + key.getId(), text(key, "arn"));
        assertEquals("arn:aws:logs:eu-west-1:444455556666:log-group:/aws/eks/dev/cluster", text(logs, "arn"));
        assertTrue(text(secret, "arn").matches(
                "arn:aws:secretsmanager:eu-west-1:444455556666:secret:meltanodata/dev/acme/db-[A-Z0-9]{6}"),
                text(secret, "arn"));
        assertEquals(text(secret, "arn"), secret.getId());
        assertEquals("444455556666.dkr.ecr.eu-west-1.amazonaws.com/dev/acme/analytics", text(repo, "repositoryUrl"));
    }

    @Test
    void theAccountIsTheDefaultWhenTheConfigPinsNone() {
        configure(Map.of("region", "us-east-1"));

        var role = create("aws:iam/role:Role", "r", Map.of("name", "ci"));
        var identity = aws.invoke(InvokeRequest.newBuilder().setTok("aws:index/getCallerIdentity:getCallerIdentity")
                .setArgs(Struct.getDefaultInstance()).build());

        assertEquals("arn:aws:iam::111122223333:role/ci", text(role, "arn"));
        assertEquals("111122223333", identity.getReturn().getFieldsOrThrow("accountId").getStringValue());
    }

    /** The fabric asks for its zones before anything else; the double answers like EC2 (preview.RegionZones). */
    @Test
    void availabilityZonesAreTheRegionsAsEc2FiltersThem() {
        configure(Map.of("region", "us-east-1"));
        var zones = aws.invoke(InvokeRequest.newBuilder().setTok("aws:index/getAvailabilityZones:getAvailabilityZones")
                .setArgs(Structs.toStruct(Map.of("state", "available",
                        "filters", List.of(Map.of("name", "opt-in-status", "values", List.of("opt-in-not-required"))),
                        "excludeZoneIds", List.of("use1-az3")))).build()).getReturn();
        assertEquals(List.of("use1-az2", "use1-az4", "use1-az6", "use1-az1", "use1-az5"),
                Structs.toMap(zones).get("zoneIds"));
    }

    @Test
    void anEksClusterReportsTheLocalApiServerAndAnOidcIssuer() {
        configure(Map.of("region", "eu-west-1"));

        var cluster = create("aws:eks/cluster:Cluster", "cluster", Map.of("name", "meltanodata-dev",
                "vpcConfig", Map.of("subnetIds", List.of("subnet-1", "subnet-2"), "endpointPrivateAccess", true)));

        Map<String, Object> state = Structs.toMap(cluster.getProperties());
        assertEquals("meltanodata-dev", cluster.getId());
        assertEquals("arn:aws:eks:eu-west-1:111122223333:cluster/meltanodata-dev", state.get("arn"));
        assertEquals("https://127.0.0.1:6443", state.get("endpoint"));
        assertEquals(Map.of("data", "Q0EgZGF0YQ=="), state.get("certificateAuthority"));
        @SuppressWarnings("unchecked")
        var identities = (List<Map<String, List<Map<String, String>>>>) state.get("identities");
        assertTrue(identities.get(0).get("oidcs").get(0).get("issuer")
                .matches("https://oidc\\.eks\\.eu-west-1\\.amazonaws\\.com/id/[0-9A-F]{32}"), identities.toString());
        @SuppressWarnings("unchecked")
        var vpc = (Map<String, Object>) state.get("vpcConfig");
        assertEquals(List.of("subnet-1", "subnet-2"), vpc.get("subnetIds"));
        assertTrue(String.valueOf(vpc.get("clusterSecurityGroupId")).matches("sg-[0-9a-f]{17}"), vpc.toString());
    }

    @Test
    void aPreviewShowsComputedAttributesAsUnknownAndRecordsNothing() {
        configure(Map.of("region", "eu-west-1"));

        var preview = aws.create(CreateRequest.newBuilder().setUrn(urn("aws:iam/role:Role", "r"))
                .setType("aws:iam/role:Role").setName("r").setPreview(true)
                .setProperties(struct(Map.of("name", "ci"))).build());

        assertEquals("", preview.getId());
        assertEquals(Structs.UNKNOWN, text(preview, "arn"));
        assertEquals("ci", text(preview, "name"));
        assertEquals(List.of(), records.all());
    }

    @Test
    void diffReportsTheChangedKeysAndReplacesOnlyForAChangedName() {
        Map<String, Object> old = Map.of("name", "ci", "path", "/", "tags", Map.of("a", "1"));

        DiffResponse same = diff(old, old);
        DiffResponse retagged = diff(old, Map.of("name", "ci", "tags", Map.of("a", "2"), "description", "x"));
        DiffResponse renamed = diff(old, Map.of("name", "deploy", "path", "/", "tags", Map.of("a", "1")));

        assertEquals(DiffResponse.DiffChanges.DIFF_NONE, same.getChanges());
        assertEquals(DiffResponse.DiffChanges.DIFF_SOME, retagged.getChanges());
        assertEquals(List.of("description", "path", "tags"), retagged.getDiffsList());
        assertEquals(List.of(), retagged.getReplacesList());
        assertEquals(Map.of("description", "ADD", "path", "DELETE", "tags", "UPDATE"),
                kinds(retagged));
        assertEquals(List.of("name"), renamed.getReplacesList());
        assertEquals(Map.of("name", "UPDATE_REPLACE"), kinds(renamed));
    }

    @Test
    void createUpdateAndDeleteAreRecordedAndReadAnswersFromTheRecords() throws IOException {
        configure(Map.of("region", "eu-west-1"));
        String urn = urn("aws:eks/cluster:Cluster", "cluster");
        Map<String, Object> inputs = Map.of("name", "meltanodata-dev", "vpcConfig", Map.of("subnetIds", List.of("a")));
        var created = create("aws:eks/cluster:Cluster", "cluster", inputs);
        Map<String, Object> state = Structs.toMap(created.getProperties());

        Map<String, Object> newInputs = Map.of("name", "meltanodata-dev", "vpcConfig", Map.of("subnetIds", List.of("b")));
        var updated = aws.update(UpdateRequest.newBuilder().setId(created.getId()).setUrn(urn)
                .setType("aws:eks/cluster:Cluster").setName("cluster").setOlds(created.getProperties())
                .setOldInputs(struct(inputs)).setNews(struct(newInputs)).build());
        Map<String, Object> updatedState = Structs.toMap(updated.getProperties());
        var read = aws.read(ReadRequest.newBuilder().setId(created.getId()).setUrn(urn)
                .setType("aws:eks/cluster:Cluster").build());
        aws.delete(DeleteRequest.newBuilder().setId(created.getId()).setUrn(urn).setType("aws:eks/cluster:Cluster")
                .setProperties(updated.getProperties()).setOldInputs(struct(newInputs)).build());
        var readAfterDelete = aws.read(ReadRequest.newBuilder().setId(created.getId()).setUrn(urn)
                .setType("aws:eks/cluster:Cluster").build());

        assertEquals(state.get("arn"), updatedState.get("arn"));
        assertEquals(Map.of("subnetIds", List.of("b"), "clusterSecurityGroupId",
                ((Map<?, ?>) state.get("vpcConfig")).get("clusterSecurityGroupId")), updatedState.get("vpcConfig"));
        assertEquals(updated.getProperties(), read.getProperties());
        assertEquals(struct(newInputs), read.getInputs());
        assertEquals("", readAfterDelete.getId());
        List<AwsRecord> all = new AwsRecords(records.file()).all();
        assertEquals(List.of("create", "update", "delete"), all.stream().map(AwsRecord::op).toList());
        assertEquals(List.of(urn, urn, urn), all.stream().map(AwsRecord::urn).toList());
        assertEquals("cluster", all.get(0).name());
        assertEquals(newInputs, all.get(1).inputs());
        assertEquals(3, Files.readAllLines(records.file()).size());
        assertTrue(records.live().isEmpty());
    }

    @Test
    void concurrentCreatesAreAllRecorded() throws Exception {
        configure(Map.of("region", "eu-west-1"));
        var async = ResourceProviderGrpc.newFutureStub(channel);

        var futures = java.util.stream.IntStream.range(0, 24).mapToObj(i -> async.create(CreateRequest.newBuilder()
                .setUrn(urn("aws:iam/role:Role", "r" + i)).setType("aws:iam/role:Role").setName("r" + i)
                .setProperties(struct(Map.of("name", "role-" + i))).build())).toList();
        for (var future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }

        assertEquals(24, records.live().size());
        assertEquals(java.util.stream.IntStream.range(0, 24).mapToObj(i -> "role-" + i).collect(
                java.util.stream.Collectors.toSet()), records.live().values().stream().map(AwsRecord::id)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void creatingANameThatAlreadyExistsFailsAsInAws() {
        configure(Map.of("region", "eu-west-1"));
        create("aws:s3/bucketV2:BucketV2", "data", Map.of("bucket", "meltanodata-dev-acme"));

        var error = assertThrows(StatusRuntimeException.class,
                () -> create("aws:s3/bucketV2:BucketV2", "other", Map.of("bucket", "meltanodata-dev-acme")));

        // S3 API Reference, "CreateBucket" (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html)
        assertEquals("ALREADY_EXISTS: BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you "
                + "already own it: aws:s3/bucketV2:BucketV2 'meltanodata-dev-acme' already exists (created for "
                + urn("aws:s3/bucketV2:BucketV2", "data") + ")", error.getMessage());
    }

    /**
     * IAM API Reference, "CreateOpenIDConnectProvider"
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html): "You cannot
     * register the same provider multiple times in a single AWS account"; a second one for the same URL is
     * refused with EntityAlreadyExists (HTTP 409), whose message names the URL. A second fabric in an account
     * that already has GitHub's provider meets this, unless its config names the existing one.
     */
    @Test
    void aSecondOidcProviderForTheSameUrlIsRefusedAsIamRefusesIt() {
        configure(Map.of("region", "eu-west-1"));
        String type = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
        Map<String, Object> github = Map.of("url", "https://token.actions.githubusercontent.com",
                "clientIdLists", List.of("sts.amazonaws.com"));
        create(type, "github-oidc", github);

        var error = assertThrows(StatusRuntimeException.class, () -> create(type, "github-oidc-again", github));

        assertEquals("ALREADY_EXISTS: EntityAlreadyExists: Provider with url https://token.actions.githubusercontent.com "
                + "already exists.", error.getMessage());
        assertEquals(1, records.live().size(), "nothing was created for the refused provider");
    }

    /**
     * IAM User Guide, "IAM and AWS STS quotas, name requirements, and character limits"
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a managed policy
     * holds at most 6,144 characters, white space not counted; CreatePolicy and CreatePolicyVersion
     * answer LimitExceeded past it. A preview never calls AWS, so it passes.
     */
    @Test
    void aManagedPolicyOverIamsSizeQuotaIsRefusedAsAwsRefusesIt() {
        configure(Map.of("region", "eu-west-1"));
        String fits = policyOfSize(6_144);
        String over = policyOfSize(6_145);
        create("aws:iam/policy:Policy", "fits", Map.of("name", "fits", "policy", fits));

        var error = assertThrows(StatusRuntimeException.class,
                () -> create("aws:iam/policy:Policy", "boundary", Map.of("name", "boundary", "policy", over)));
        assertEquals("FAILED_PRECONDITION: creating aws:iam/policy:Policy (boundary): LimitExceeded: Cannot exceed quota for "
                + "PolicySize: 6144", error.getMessage());
        assertEquals(1, records.live().size(), "nothing was created for the refused policy");
        aws.create(CreateRequest.newBuilder().setUrn(urn("aws:iam/policy:Policy", "preview")).setType("aws:iam/policy:Policy")
                .setName("preview").setProperties(struct(Map.of("name", "preview", "policy", over))).setPreview(true).build());
    }

    /**
     * IAM User Guide, "IAM and AWS STS quotas, name requirements, and character limits"
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): "Role policy size cannot
     * exceed 10,240 characters", the aggregate of all of a role's inline policies, white space not counted;
     * PutRolePolicy answers LimitExceeded past it, though each policy alone fits. Another role's policies do
     * not count, and an update replaces the policy it updates.
     */
    @Test
    void aRolesInlinePoliciesOverIamsSizeQuotaTogetherAreRefusedAsAwsRefusesThem() {
        configure(Map.of("region", "eu-west-1"));
        String type = "aws:iam/rolePolicy:RolePolicy";
        String first = create(type, "first", Map.of("role", "deploy", "policy", policyOfSize(6_000))).getId();
        create(type, "other-role", Map.of("role", "workload", "policy", policyOfSize(6_000)));

        var error = assertThrows(StatusRuntimeException.class,
                () -> create(type, "second", Map.of("role", "deploy", "policy", policyOfSize(4_241))));
        assertEquals("FAILED_PRECONDITION: creating aws:iam/rolePolicy:RolePolicy (second): LimitExceeded: Maximum policy size "
                + "of 10240 bytes exceeded for role", error.getMessage());
        assertEquals(2, records.live().size(), "nothing was created for the refused policy");

        create(type, "second", Map.of("role", "deploy", "policy", policyOfSize(4_240)));
        aws.update(UpdateRequest.newBuilder().setUrn(urn(type, "first")).setId(first)
                .setOlds(struct(Map.of("role", "deploy", "policy", policyOfSize(6_000))))
                .setNews(struct(Map.of("role", "deploy", "policy", policyOfSize(5_999)))).build());
        var growing = assertThrows(StatusRuntimeException.class, () -> aws.update(UpdateRequest.newBuilder()
                .setUrn(urn(type, "first")).setId(first)
                .setOlds(struct(Map.of("role", "deploy", "policy", policyOfSize(5_999))))
                .setNews(struct(Map.of("role", "deploy", "policy", policyOfSize(6_001)))).build()));
        assertEquals("FAILED_PRECONDITION: updating aws:iam/rolePolicy:RolePolicy (" + first + "): LimitExceeded: Maximum policy "
                + "size of 10240 bytes exceeded for role", growing.getMessage());
    }

    /**
     * Each service answers a breach of AwsLimits' table with its own code and message shape: S3 with
     * InvalidBucketName (Amazon S3 User Guide, "General purpose bucket naming rules", 63 characters),
     * IAM with a ValidationError naming the member (IAM User Guide, "IAM and AWS STS quotas", role names
     * 64), every tagging service with its tag error (Tagging AWS Resources, "Tag naming limits and
     * requirements": values 256 characters, aws: reserved).
     */
    @Test
    void eachServiceRefusesABreachWithItsOwnError() {
        configure(Map.of("region", "eu-west-1"));
        String bucket = "meltanodata-" + "b".repeat(52);
        var s3 = assertThrows(StatusRuntimeException.class, () -> create("aws:s3/bucketV2:BucketV2", "artifacts", Map.of("bucket", bucket)));
        assertEquals("FAILED_PRECONDITION: creating aws:s3/bucketV2:BucketV2 (artifacts): InvalidBucketName: The specified bucket "
                + "is not valid.", s3.getMessage());
        String role = "r".repeat(65);
        var iam = assertThrows(StatusRuntimeException.class, () -> create("aws:iam/role:Role", "role", Map.of("name", role)));
        assertEquals("FAILED_PRECONDITION: creating aws:iam/role:Role (role): ValidationError: 1 validation error detected: Value '"
                + role + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64", iam.getMessage());
        var tags = assertThrows(StatusRuntimeException.class, () -> create("aws:sns/topic:Topic", "alerts",
                Map.of("name", "alerts", "tags", Map.of("aws:owner", "me"))));
        assertEquals("FAILED_PRECONDITION: creating aws:sns/topic:Topic (alerts): InvalidParameterException: Tag keys starting "
                + "with 'aws:' are reserved for system use", tags.getMessage());
        assertEquals(0, records.live().size(), "nothing was created for a refused request");
        create("aws:s3/bucketV2:BucketV2", "fits", Map.of("bucket", bucket.substring(1)));
    }

    /**
     * Amazon S3 User Guide, "Managing object tags"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html): "You can associate up to 10
     * tags with an object", not the 50 of a bucket; S3 answers InvalidTag (S3 API Reference, "PutObjectTagging").
     */
    @Test
    void anObjectWithMoreThanTenTagsIsRefusedAsS3RefusesIt() {
        configure(Map.of("region", "eu-west-1"));
        Map<String, Object> tags = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            tags.put("k" + i, "v");
        }
        String type = "aws:s3/bucketObjectv2:BucketObjectv2";
        create(type, "ten", Map.of("bucket", "meltanodata-dev-ui", "key", "ten.json", "tags", tags));
        tags.put("k10", "v");
        var error = assertThrows(StatusRuntimeException.class,
                () -> create(type, "eleven", Map.of("bucket", "meltanodata-dev-ui", "key", "eleven.json", "tags", tags)));
        assertEquals("FAILED_PRECONDITION: creating aws:s3/bucketObjectv2:BucketObjectv2 (eleven): InvalidTag: The tag provided "
                + "was not a valid tag.", error.getMessage());
    }

    /**
     * AWS Billing User Guide, "Activating user-defined cost allocation tags"
     * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html): a key appears,
     * and can be activated, only once billing data has seen it; the AWS provider fails otherwise.
     */
    @Test
    void aCostAllocationTagNeverSeenInBillingDataIsRefusedAsAwsRefusesIt() throws Exception {
        configure(Map.of("region", "eu-west-1"));
        String type = "aws:costexplorer/costAllocationTag:CostAllocationTag";
        var error = assertThrows(StatusRuntimeException.class,
                () -> create(type, "site", Map.of("tagKey", "meltanodata:site", "status", "Active")));
        assertEquals("FAILED_PRECONDITION: reading AWS CE (Cost Explorer) Cost Allocation Tags (meltanodata:site): empty result",
                error.getMessage());

        var billed = RecordingAwsProvider.serve(new RecordingAwsProvider(records,
                Map.of(RecordingAwsProvider.BILLED_TAG_KEYS_ENV, "meltanodata:layer, meltanodata:site")));
        var billedChannel = NettyChannelBuilder.forAddress("127.0.0.1", billed.getPort()).usePlaintext().build();
        try {
            var billedAws = ResourceProviderGrpc.newBlockingStub(billedChannel);
            billedAws.configure(ConfigureRequest.newBuilder().setArgs(struct(Map.of("region", "eu-west-1"))).setAcceptSecrets(true).build());
            assertEquals("meltanodata:site", billedAws.create(CreateRequest.newBuilder().setUrn(urn(type, "site")).setType(type).setName("site")
                    .setProperties(struct(Map.of("tagKey", "meltanodata:site", "status", "Active"))).build()).getId());
        } finally {
            billedChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            billed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A policy document of exactly {@code size} non-white-space characters, padded with white space AWS does not count. */
    private static String policyOfSize(int size) {
        String head = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"";
        String tail = "\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]\n}";
        int fixed = (head + tail).replaceAll("\\s", "").length();
        return head + "S".repeat(size - fixed) + tail;
    }

    @Test
    void configureWithoutARegionFailsNamingTheKey() {
        var error = assertThrows(StatusRuntimeException.class, () -> configure(Map.of()));

        assertEquals("INVALID_ARGUMENT: aws:region is not set: the fake AWS provider needs the region"
                + " (pulumi config set aws:region eu-west-1)", error.getMessage());
    }

    private void configure(Map<String, Object> config) {
        aws.configure(ConfigureRequest.newBuilder().setArgs(struct(config)).setAcceptSecrets(true).build());
    }

    private CreateResponse create(String type, String name, Map<String, Object> inputs) {
        return aws.create(CreateRequest.newBuilder().setUrn(urn(type, name)).setType(type).setName(name)
                .setProperties(struct(inputs)).build());
    }

    private DiffResponse diff(Map<String, Object> oldInputs, Map<String, Object> news) {
        return aws.diff(DiffRequest.newBuilder().setId("ci").setUrn(urn("aws:iam/role:Role", "r"))
                .setType("aws:iam/role:Role").setOlds(struct(oldInputs)).setOldInputs(struct(oldInputs))
                .setNews(struct(news)).build());
    }

    private static Map<String, String> kinds(DiffResponse diff) {
        Map<String, String> kinds = new java.util.TreeMap<>();
        diff.getDetailedDiffMap().forEach((k, v) -> kinds.put(k, v.getKind().name()));
        return kinds;
    }

    private static String urn(String type, String name) {
        return STACK + "meltanodata:index:ServiceFabric$" + type + "::" + name;
    }

    private static Struct struct(Map<String, Object> map) {
        return Structs.toStruct(map);
    }

    private static String text(CreateResponse response, String key) {
        return response.getProperties().getFieldsOrThrow(key).getStringValue();
    }
}
