package io.meltanodata.real.awsfake;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import io.grpc.Server;
import io.meltanodata.components.limits.AwsLimit;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.components.limits.SummedLimit;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.meltanodata.preview.RegionZones;
import pulumirpc.Plugin.PluginInfo;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.Provider.CreateResponse;
import pulumirpc.Provider.DeleteRequest;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.GetSchemaRequest;
import pulumirpc.Provider.GetSchemaResponse;
import pulumirpc.Provider.InvokeRequest;
import pulumirpc.Provider.InvokeResponse;
import pulumirpc.Provider.ReadRequest;
import pulumirpc.Provider.ReadResponse;
import pulumirpc.Provider.UpdateRequest;
import pulumirpc.Provider.UpdateResponse;
import pulumirpc.ResourceProviderGrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A TEST DOUBLE of the Pulumi AWS provider, never shipped: it answers the engine's provider
 * protocol for {@code aws} (plugin version {@value #VERSION}, the version the {@code com.pulumi:aws}
 * SDK asks for) without calling AWS. It accepts any inputs, invents ids and ARNs in AWS's formats
 * in the account and region of its provider config, and appends every create, update and delete
 * to the records file named by {@value #RECORDS_ENV}, so that tests can check what a deployment,
 * a destroy or a retain did. AWS's own validation and behaviour are NOT exercised, except the
 * documented limits of {@link AwsLimits}: a create or update over one fails with AWS's own error
 * code and message (e.g. {@code LimitExceeded: Cannot exceed quota for PolicySize: 6144}), as the
 * real provider reports it, so the real-engine suite fails where AWS would.
 *
 * <p>An {@code aws:eks/cluster:Cluster} reports the endpoint and CA of {@link FakeEks} (from the
 * environment), so a Kubernetes provider built from its kubeconfig talks to a real API server.
 */
public final class RecordingAwsProvider extends ResourceProviderGrpc.ResourceProviderImplBase {
    public static final String VERSION = "6.83.0";
    public static final String RECORDS_ENV = "MELTANODATA_FAKE_AWS_RECORDS";
    /**
     * The tag keys the fake account's billing data has seen (comma-separated; none by default): only
     * these may be activated as cost allocation tags. AWS refuses any other key until it has appeared
     * in billing data, up to 24 hours after it is first applied (AWS Billing User Guide, "Activating
     * user-defined cost allocation tags"); the AWS provider reports the refusal as below
     * (hashicorp/terraform-provider-aws#29068).
     */
    public static final String BILLED_TAG_KEYS_ENV = "MELTANODATA_FAKE_AWS_BILLED_TAG_KEYS";
    static final String COST_ALLOCATION_TAG = "aws:costexplorer/costAllocationTag:CostAllocationTag";

    private final AwsRecords records;
    private final Map<String, String> env;
    private volatile AwsShapes shapes;
    private volatile AwsAccount where;

    public RecordingAwsProvider(AwsRecords records, Map<String, String> env) {
        this.records = records;
        this.env = Map.copyOf(env);
    }

    /** The plugin's entry point: serves on a free loopback port and prints it, as the engine expects. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String file = System.getenv(RECORDS_ENV);
        if (file == null || file.isBlank()) {
            System.err.println("pulumi-resource-aws (test double): " + RECORDS_ENV + " is not set;"
                    + " it names the JSON-lines file the fake records its operations in");
            System.exit(2);
        }
        // Netty would probe SLF4J, find no binding and say so on stderr, which the engine shows the user.
        io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        Server server = serve(new RecordingAwsProvider(new AwsRecords(Path.of(file)), System.getenv()));
        System.out.println(server.getPort());
        System.out.flush();
        // The engine normally kills its plugins; if it dies first, do not outlive it.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> System.exit(0)));
        server.awaitTermination();
    }

    /** Starts a gRPC server for the provider on 127.0.0.1 and a free port. */
    public static Server serve(RecordingAwsProvider provider) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(provider)
                .build()
                .start();
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> out) {
        respond(out, () -> PluginInfo.newBuilder().setVersion(VERSION).build());
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> out) {
        respond(out, () -> GetSchemaResponse.newBuilder()
                .setSchema("{\"name\":\"aws\",\"version\":\"" + VERSION + "\"}").build());
    }

    @Override
    public void checkConfig(CheckRequest request, StreamObserver<CheckResponse> out) {
        respond(out, () -> CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diffConfig(DiffRequest request, StreamObserver<DiffResponse> out) {
        respond(out, () -> diffResponse(PropertyDiff.of(oldInputs(request), Structs.toMap(request.getNews()),
                Set.of("version")), false));
    }

    @Override
    public void configure(ConfigureRequest request, StreamObserver<ConfigureResponse> out) {
        respond(out, () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) Structs.withoutSecrets(Structs.toMap(request.getArgs()));
            where = AwsAccount.of(config);
            shapes = new AwsShapes(where, env);
            // Plain values in, plain values out: the engine marks outputs of secret inputs secret again.
            return ConfigureResponse.newBuilder()
                    .setAcceptSecrets(false).setAcceptResources(false).setSupportsPreview(true).build();
        });
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> out) {
        respond(out, () -> {
            AwsAccount at = configured();
            Map<String, Object> result = switch (request.getTok()) {
                case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                        "accountId", at.account(), "id", at.account(), "userId", "AIDAFAKEMELTANODATA",
                        "arn", "arn:aws:iam::" + at.account() + ":user/meltanodata-fake");
                case "aws:index/getRegion:getRegion" -> Map.of("name", at.region(), "id", at.region(),
                        "endpoint", "ec2." + at.region() + ".amazonaws.com", "description", at.region());
                case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "id", "aws",
                        "dnsSuffix", "amazonaws.com", "reverseDnsPrefix", "com.amazonaws");
                case "aws:index/getAvailabilityZones:getAvailabilityZones" ->
                        RegionZones.answer(at.region(), Structs.toMap(request.getArgs()));
                default -> throw Status.UNIMPLEMENTED.withDescription("the fake AWS provider does not answer "
                        + request.getTok()).asRuntimeException();
            };
            return InvokeResponse.newBuilder().setReturn(Structs.toStruct(result)).build();
        });
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> out) {
        respond(out, () -> CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diff(DiffRequest request, StreamObserver<DiffResponse> out) {
        respond(out, () -> diffResponse(PropertyDiff.of(oldInputs(request), Structs.toMap(request.getNews()),
                Set.copyOf(request.getIgnoreChangesList())), true));
    }

    @Override
    public void create(CreateRequest request, StreamObserver<CreateResponse> out) {
        respond(out, () -> {
            Map<String, Object> inputs = Structs.toMap(request.getProperties());
            String type = Urn.type(request.getUrn());
            if (!request.getPreview()) {
                refuseOverLimits("creating", type, Urn.name(request.getUrn()), inputs);
                refuseOverTotals("creating", type, Urn.name(request.getUrn()), inputs, null);
                refuseUnbilledTagKeys(type, inputs);
            }
            Map<String, Object> state = configuredShapes().created(type, Urn.name(request.getUrn()), inputs);
            String id = String.valueOf(state.remove("id"));
            if (request.getPreview()) {
                return CreateResponse.newBuilder().setProperties(Structs.toStruct(unknownWhereComputed(inputs, state)))
                        .build();
            }
            synchronized (records) {
                records.liveById(type, id).ifPresent(existing -> {
                    throw Status.ALREADY_EXISTS.withDescription(alreadyExists(type, id, existing)).asRuntimeException();
                });
                records.append(new AwsRecord(AwsRecord.CREATE, type, request.getUrn(), id, inputs, state));
            }
            return CreateResponse.newBuilder().setId(id).setProperties(Structs.toStruct(state)).build();
        });
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> out) {
        respond(out, () -> records.liveById(Urn.type(request.getUrn()), request.getId())
                .map(r -> ReadResponse.newBuilder().setId(r.id()).setProperties(Structs.toStruct(r.outputs()))
                        .setInputs(Structs.toStruct(r.inputs())).build())
                // An empty id tells the engine the resource no longer exists.
                .orElse(ReadResponse.getDefaultInstance()));
    }

    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> out) {
        respond(out, () -> {
            Map<String, Object> olds = Structs.toMap(request.getOlds());
            Map<String, Object> oldInputs = request.hasOldInputs() ? Structs.toMap(request.getOldInputs()) : olds;
            Map<String, Object> news = Structs.toMap(request.getNews());
            Map<String, Object> state = keepComputed(olds, oldInputs, news);
            if (request.getPreview()) {
                return UpdateResponse.newBuilder().setProperties(Structs.toStruct(state)).build();
            }
            refuseOverLimits("updating", Urn.type(request.getUrn()), request.getId(), news);
            refuseOverTotals("updating", Urn.type(request.getUrn()), request.getId(), news, request.getId());
            records.append(new AwsRecord(AwsRecord.UPDATE, Urn.type(request.getUrn()), request.getUrn(), request.getId(),
                    news, state));
            return UpdateResponse.newBuilder().setProperties(Structs.toStruct(state)).build();
        });
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<Empty> out) {
        respond(out, () -> {
            Map<String, Object> state = Structs.toMap(request.getProperties());
            records.append(new AwsRecord(AwsRecord.DELETE, Urn.type(request.getUrn()), request.getUrn(), request.getId(),
                    request.hasOldInputs() ? Structs.toMap(request.getOldInputs()) : Map.of(), state));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> out) {
        respond(out, Empty::getDefaultInstance);
    }

    /**
     * What AWS answers for a name that is taken. S3: CreateBucket of a bucket the account already owns
     * (an archive an earlier stack retained) fails outside us-east-1 with BucketAlreadyOwnedByYou (S3 API
     * Reference, "CreateBucket", https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
     * IAM: a second OIDC provider for a URL the account has one for fails with EntityAlreadyExists (IAM API
     * Reference, "CreateOpenIDConnectProvider": "You cannot register the same provider multiple times in a
     * single AWS account"), naming the URL.
     */
    static String alreadyExists(String type, String id, AwsRecord existing) {
        String what = type + " '" + id + "' already exists (created for " + existing.urn() + ")";
        return switch (type) {
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" ->
                    "BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it: " + what;
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" ->
                    "EntityAlreadyExists: Provider with url " + existing.inputs().get("url") + " already exists.";
            default -> what;
        };
    }

    /**
     * AWS checks its limits when it is called, never in a preview: so does this double, answering with
     * the service's own error code and message ({@link AwsLimit#refusal}), e.g. S3's InvalidBucketName.
     */
    private static void refuseOverLimits(String verb, String type, String name, Map<String, Object> inputs) {
        AwsLimits.breached(type, inputs).ifPresent(limit -> {
            throw Status.FAILED_PRECONDITION.withDescription(verb + " " + type + " (" + name + "): "
                    + limit.refusal(limit.valueIn(inputs).orElse(""))).asRuntimeException();
        });
    }

    /**
     * The limits AWS applies to a total over one parent ({@link AwsLimits#summed()}: a role's inline
     * policies together), counted over what the account holds now with this request in place of
     * {@code replacing} (the resource an update changes; {@code null} for a create).
     */
    private void refuseOverTotals(String verb, String type, String name, Map<String, Object> inputs, String replacing) {
        for (SummedLimit summed : AwsLimits.summed()) {
            if (!summed.limit().appliesTo(type) || !(inputs.get(summed.groupBy()) instanceof String parent)) {
                continue;
            }
            java.util.List<Map<String, Object>> together = new java.util.ArrayList<>(records.live().values().stream()
                    .filter(r -> r.type().equals(type) && !r.id().equals(replacing)).map(AwsRecord::inputs).toList());
            together.add(inputs);
            if (summed.breaches(together, in -> type, in -> in).containsKey(parent)) {
                throw Status.FAILED_PRECONDITION.withDescription(verb + " " + type + " (" + name + "): "
                        + summed.limit().refusal(parent)).asRuntimeException();
            }
        }
    }

    private void refuseUnbilledTagKeys(String type, Map<String, Object> inputs) {
        if (!type.equals(COST_ALLOCATION_TAG)) {
            return;
        }
        String key = String.valueOf(inputs.get("tagKey"));
        java.util.List<String> billed = java.util.Arrays.stream(env.getOrDefault(BILLED_TAG_KEYS_ENV, "").split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (!billed.contains(key)) {
            throw Status.FAILED_PRECONDITION.withDescription("reading AWS CE (Cost Explorer) Cost Allocation Tags ("
                    + key + "): empty result").asRuntimeException();
        }
    }

    private AwsAccount configured() {
        if (where == null) {
            throw Status.FAILED_PRECONDITION.withDescription("the fake AWS provider is not configured yet")
                    .asRuntimeException();
        }
        return where;
    }

    private AwsShapes configuredShapes() {
        configured();
        return shapes;
    }

    private static Map<String, Object> oldInputs(DiffRequest request) {
        return Structs.toMap(request.hasOldInputs() ? request.getOldInputs() : request.getOlds());
    }

    private static DiffResponse diffResponse(PropertyDiff diff, boolean withReplaces) {
        Set<String> replaces = withReplaces ? diff.replaces() : Set.of();
        DiffResponse.Builder response = DiffResponse.newBuilder()
                .setChanges(diff.changed().isEmpty() ? DiffResponse.DiffChanges.DIFF_NONE
                        : DiffResponse.DiffChanges.DIFF_SOME)
                .addAllDiffs(diff.changed().keySet())
                .addAllReplaces(replaces)
                .setHasDetailedDiff(true);
        diff.changed().forEach((key, kind) -> response.putDetailedDiff(key, pulumirpc.Provider.PropertyDiff.newBuilder()
                .setInputDiff(true)
                .setKind(pulumirpc.Provider.PropertyDiff.Kind.valueOf(kind.name()
                        + (replaces.contains(key) ? "_REPLACE" : "")))
                .build()));
        return response.build();
    }

    /** During a preview the engine shows what AWS computes as unknown, like the real provider. */
    private static Map<String, Object> unknownWhereComputed(Map<String, Object> inputs, Map<String, Object> state) {
        Map<String, Object> preview = new LinkedHashMap<>();
        state.forEach((k, v) -> preview.put(k, java.util.Objects.equals(inputs.get(k), v) ? v : Structs.UNKNOWN));
        return preview;
    }

    /** The new inputs, plus whatever AWS computed (keys of the old state that were not inputs), at any depth. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> keepComputed(Map<String, Object> oldState, Map<String, Object> oldInputs,
                                            Map<String, Object> news) {
        Map<String, Object> state = new LinkedHashMap<>(news);
        oldState.forEach((key, old) -> {
            if (!oldInputs.containsKey(key)) {
                state.putIfAbsent(key, old);
            } else if (old instanceof Map<?, ?> o && oldInputs.get(key) instanceof Map<?, ?> i
                    && news.get(key) instanceof Map<?, ?> n) {
                state.put(key, keepComputed((Map<String, Object>) o, (Map<String, Object>) i, (Map<String, Object>) n));
            }
        });
        return state;
    }

    private static <T> void respond(StreamObserver<T> out, Supplier<T> answer) {
        T response;
        try {
            response = answer.get();
        } catch (io.grpc.StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }
}
