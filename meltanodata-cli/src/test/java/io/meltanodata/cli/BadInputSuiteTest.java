package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.OfflineStack;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.TopologyPreview;
import io.meltanodata.testing.RepositoryCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, nothing lost: each case breaks one file of a copy of the bundled example and runs
 * {@code meltanodata preview --root <copy> --format json -o <file>}. Every case must end in exit
 * code 1 with one line on stderr naming the file, the key and the value, no stack trace, nothing
 * on stdout and no output file; and run the way {@code pulumi up} runs the failing stack
 * ({@code LayerApp}: config read inside the program), it must fail with the same message before
 * registering any resource.
 */
class BadInputSuiteTest {
    static final String FABRIC = "deployments/01_service_fabric/Pulumi.dev.yaml";
    static final String SITE = "deployments/02_site_instances/Pulumi.acme.yaml";
    static final String PROJECT = "deployments/03_projects/Pulumi.acme.analytics.yaml";
    static final String MAIN = "deployments/04_environments/Pulumi.acme.analytics.prod.main.yaml";
    static final String FEATURE = "deployments/04_environments/Pulumi.acme.analytics.dev.feature-login-78f299f7.yaml";
    static final String MELTANO = "examples/meltano-project/meltano.yml";
    static final String DEV_INCLUDE = "examples/meltano-project/environments/dev.meltano.yml";
    static final String PLUGINS_INCLUDE = "examples/meltano-project/plugins/extract-load.yml";

    /**
     * @param area      the layer or file kind the case exercises (for the report)
     * @param name      what is wrong
     * @param stackFile the stack whose run must fail (the project's, for meltano.yml cases)
     * @param breakIt   the change made to the copy
     * @param mentions  what the one-line error must contain besides the file name
     */
    record BadInput(String area, String name, String stackFile, String file, Consumer<RepositoryCopy> breakIt,
                    List<String> mentions) {
        @Override
        public String toString() {
            return area + ": " + name;
        }
    }

    /** Where the suite lists every input it tried and the error each got. */
    static final Path REPORT = Path.of("target/bad-input-report.md");
    static final Map<String, AtomicInteger> TRIED = new TreeMap<>();
    static final List<String> REPORT_ROWS = new ArrayList<>();
    static final Map<String, Map<String, Object>> PARENTS = new HashMap<>();
    static final TopologyPreview PREVIEW = new TopologyPreview(Layers.all());

    @BeforeAll
    static void renderTheValidExample() {
        for (LayerRendering stack : PREVIEW.render(PREVIEW.exampleStackFiles(Path.of("..")))) {
            PARENTS.put(TopologyPreview.ORGANIZATION + "/" + stack.rendering().project() + "/" + stack.rendering().stack(),
                    stack.rendering().outputs());
        }
    }

    @AfterAll
    static void report() throws Exception {
        int total = TRIED.values().stream().mapToInt(AtomicInteger::get).sum();
        String summary = "bad-input suite: " + total + " malformed inputs rejected with one line, no stack trace, "
                + "no output file and no resource registered; by area: " + TRIED;
        System.out.println(summary);
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, "# Bad inputs tried\n\n" + summary + "\n\n| area | input | error |\n|---|---|---|\n"
                + String.join("\n", REPORT_ROWS) + "\n");
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                // Layer 1: the Service Fabric's config
                set("fabric", "region that does not exist", FABRIC, "aws:region", "mars-north-1", "aws:region"),
                unset("fabric", "region missing", FABRIC, "aws:region", "aws:region", "required"),
                set("fabric", "AZ count as a word", FABRIC, "meltanodata:availabilityZoneCount", "two",
                        "meltanodata:availabilityZoneCount", "'two'", "2 to 3"),
                set("fabric", "AZ count out of range", FABRIC, "meltanodata:availabilityZoneCount", 7, "'7'", "2 to 3"),
                set("fabric", "public VPC network", FABRIC, "meltanodata:vpcCidr", "8.8.0.0/16", "meltanodata:vpcCidr",
                        "8.8.0.0/16", "RFC 1918"),
                set("fabric", "prefix beyond /32", FABRIC, "meltanodata:vpcCidr", "10.0.0.0/33", "10.0.0.0/33"),
                // EKS refuses a Service range that overlaps the VPC (API Reference, KubernetesNetworkConfigRequest).
                set("fabric", "VPC over the cluster's Service range", FABRIC, "meltanodata:vpcCidr", "172.20.0.0/16",
                        "meltanodata:vpcCidr", "172.20.0.0/16", "not overlapping 172.20.0.0/16"),
                set("fabric", "unknown NAT mode", FABRIC, "meltanodata:natGateways", "sometimes", "sometimes", "perAz"),
                unset("fabric", "no platform admins", FABRIC, "meltanodata:platformAdmins", "meltanodata:platformAdmins",
                        "required"),
                set("fabric", "platform admins as a string, not a list", FABRIC, "meltanodata:platformAdmins",
                        "arn:aws:iam::111122223333:role/PlatformAdmin", "meltanodata:platformAdmins", "list"),
                set("fabric", "quote injection into a policy principal", FABRIC, "meltanodata:platformAdmins",
                        List.of("arn:aws:iam::111122223333:role/Admin\"},{\"Effect\":\"Allow"),
                        "meltanodata:platformAdmins", "role/Admin\"},{"),
                set("fabric", "alert email that is not an address", FABRIC, "meltanodata:alertEmails",
                        List.of("alerts at example dot com"), "meltanodata:alertEmails", "alerts at example dot com"),
                set("fabric", "Kubernetes API open to the internet", FABRIC, "meltanodata:publicAccessCidrs",
                        List.of("0.0.0.0/0"), "meltanodata:publicAccessCidrs", "0.0.0.0/0"),
                set("fabric", "log retention CloudWatch does not offer", FABRIC, "meltanodata:logRetentionDays", 10,
                        "meltanodata:logRetentionDays", "'10'", "retention periods"),
                set("fabric", "custom domain without its hosted zone", FABRIC, "meltanodata:domain", "app.example.com",
                        "meltanodata:domain", "meltanodata:hostedZoneId"),
                set("fabric", "unpinned API image", FABRIC, "meltanodata:apiImage", "ghcr.io/meltanodata/api:latest",
                        "meltanodata:apiImage", ":latest"),
                set("fabric", "newline injection in the API image", FABRIC, "meltanodata:apiImage",
                        "ghcr.io/meltanodata/api:1\nrm -rf /", "meltanodata:apiImage", "api:1\\u000arm -rf /"),
                set("fabric", "Kubernetes version EKS does not run", FABRIC, "meltanodata:kubernetesVersion", "1.12",
                        "meltanodata:kubernetesVersion", "'1.12'"),
                set("fabric", "misspelt key", FABRIC, "meltanodata:vpcCIDR", "10.30.0.0/18", "meltanodata:vpcCIDR",
                        "known keys"),
                write("fabric", "stack file that is a list", FABRIC, "- config\n- aws:region\n", "mapping"),
                write("fabric", "config that is a list", FABRIC, "config:\n  - aws:region\n", "'config'", "mapping"),
                move("fabric", "stack name that is not a fabric name", FABRIC,
                        "deployments/01_service_fabric/Pulumi.Dev_Fabric.yaml", "Pulumi.Dev_Fabric.yaml", "Dev_Fabric",
                        "lowercase"),
                write("fabric", "tab-indented YAML", FABRIC, "config:\n\taws:region: eu-west-1\n", "invalid YAML"),

                // Layer 2: a Site Instance's config
                set("site", "fabric stack without org and project", SITE, "meltanodata:fabricStack", "dev",
                        "meltanodata:fabricStack", "'dev'", "<org>/meltanodata-service-fabric/<fabric>"),
                set("site", "fabric stack naming another layer", SITE, "meltanodata:fabricStack",
                        "organization/meltanodata-site-instance/dev", "meltanodata-site-instance/dev"),
                set("site", "path traversal in the site name", SITE, "meltanodata:site", "../globex",
                        "meltanodata:site", "'../globex'"),
                set("site", "reserved site name", SITE, "meltanodata:site", "kube-system", "meltanodata:site",
                        "kube-system", "reserved"),
                set("site", "site name of 41 characters", SITE, "meltanodata:site", "a" + "b".repeat(40),
                        "meltanodata:site", "a" + "b".repeat(40), "2-20"),
                set("site", "unicode site name", SITE, "meltanodata:site", "acmé", "meltanodata:site", "acmé"),
                set("site", "site name that differs only by a right-to-left override", SITE, "meltanodata:site",
                        "acme\u202egnp.exe", "meltanodata:site", "acme\\u202egnp.exe"),
                set("site", "groups as a list", SITE, "meltanodata:groups", List.of("admin", "developer"),
                        "meltanodata:groups", "mapping of group name"),
                set("site", "group name with capitals", SITE, "meltanodata:groups",
                        Map.of("Admins", Map.of("members", List.of("ana@acme.example"))), "meltanodata:groups", "Admins"),
                set("site", "member that is not an email", SITE, "meltanodata:groups",
                        Map.of("admin", Map.of("members", List.of("ana"))), "meltanodata:groups.admin.members", "'ana'"),
                set("site", "member in groups granting different cluster roles", SITE, "meltanodata:groups",
                        Map.of("admin", Map.of("members", List.of("ana@acme.example")),
                                "viewer", Map.of("members", List.of("ana@acme.example"))),
                        "meltanodata:groups", "ana@acme.example", "same cluster role"),
                set("site", "cluster-admin for a group", SITE, "meltanodata:groups",
                        Map.of("admin", Map.of("clusterRole", "cluster-admin")), "meltanodata:groups.admin.clusterRole",
                        "cluster-admin", "none, viewer, developer, admin"),
                set("site", "wildcard account as a principal", SITE, "meltanodata:groups",
                        Map.of("admin", Map.of("principals", List.of("arn:aws:iam::*:root"))),
                        "meltanodata:groups.admin.principals", "arn:aws:iam::*:root"),
                set("site", "ACL entry for an unknown group", SITE, "meltanodata:acl",
                        List.of(Map.of("group", "contractors", "permission", "view", "projects", List.of("*"),
                                "environments", List.of("*"))), "meltanodata:acl", "contractors"),
                set("site", "ACL permission that does not exist", SITE, "meltanodata:acl",
                        List.of(Map.of("group", "admin", "permission", "own", "projects", List.of("*"),
                                "environments", List.of("*"))), "meltanodata:acl", "'own'", "view, deploy, administer"),
                set("site", "path traversal in an ACL project", SITE, "meltanodata:acl",
                        List.of(Map.of("group", "admin", "permission", "view", "projects", List.of("../globex"),
                                "environments", List.of("*"))), "meltanodata:acl", "'../globex'"),
                set("site", "unknown ACL field", SITE, "meltanodata:acl",
                        List.of(Map.of("group", "admin", "permission", "view", "namespace", "kube-system")),
                        "meltanodata:acl", "'namespace'", "allowed fields"),
                set("site", "node pool of no CPUs", SITE, "meltanodata:nodePoolCpuLimit", 0,
                        "meltanodata:nodePoolCpuLimit", "'0'", "2 to 4096"),
                set("site", "node pool memory as a word", SITE, "meltanodata:nodePoolMemoryGiB", "lots",
                        "meltanodata:nodePoolMemoryGiB", "'lots'"),
                set("site", "region other than its fabric's", SITE, "aws:region", "us-east-1", "aws:region",
                        "'us-east-1'", "'eu-west-1', the region of fabric stack organization/meltanodata-service-fabric/dev"),
                edit("site", "a key written twice", SITE, text -> text + "  meltanodata:nodePoolCpuLimit: 4096\n",
                        "nodePoolCpuLimit", "duplicate"),

                // Layer 3: a Hosted Project's config
                set("project", "site stack naming another layer", PROJECT, "meltanodata:siteStack",
                        "organization/meltanodata-service-fabric/dev", "meltanodata:siteStack",
                        "<org>/meltanodata-site-instance/<site>"),
                unset("project", "site stack missing", PROJECT, "meltanodata:siteStack", "meltanodata:siteStack",
                        "required"),
                set("project", "fabric the site does not run on", PROJECT, "meltanodata:fabric", "prod",
                        "meltanodata:fabric", "'prod'", "'dev'"),
                set("project", "project name with capitals", PROJECT, "meltanodata:project", "Analytics",
                        "meltanodata:project", "'Analytics'"),
                set("project", "path traversal in the repository", PROJECT, "meltanodata:repository",
                        "acme/analytics/../../evil", "meltanodata:repository", "acme/analytics/../../evil"),
                set("project", "wildcard repository in the OIDC trust", PROJECT, "meltanodata:repository", "acme/*",
                        "meltanodata:repository", "'acme/*'"),
                set("project", "quote injection in the repository", PROJECT, "meltanodata:repository",
                        "acme/analytics\",\"repo:evil/*", "meltanodata:repository", "analytics\",\"repo:evil/*"),
                set("project", "Meltano project that is not there", PROJECT, "meltanodata:meltanoProject",
                        "../../nowhere", "meltanodata:meltanoProject", "'../../nowhere'", "no meltano.yml"),
                set("project", "secret name in lowercase", PROJECT, "meltanodata:secrets", List.of("tap_password"),
                        "meltanodata:secrets", "'tap_password'"),
                set("project", "secret named twice", PROJECT, "meltanodata:secrets",
                        List.of("TAP_GITHUB_AUTH_TOKEN", "TAP_GITHUB_AUTH_TOKEN"), "meltanodata:secrets", "TAP_GITHUB_AUTH_TOKEN", "each once"),
                set("project", "path traversal in a secret name", PROJECT, "meltanodata:secrets",
                        List.of("A/../../globex/B"), "meltanodata:secrets", "'A/../../globex/B'"),
                set("project", "registry keeping no images", PROJECT, "meltanodata:keepImages", 0,
                        "meltanodata:keepImages", "'0'", "1 to 1000"),
                set("project", "secure value in a plain key", PROJECT, "meltanodata:keepImages",
                        Map.of("secure", "v1:abcdef"), "meltanodata:keepImages", "[secret]"),

                // Layer 3: branch rules
                set("branch rules", "rules as a mapping", PROJECT, "meltanodata:branchRules",
                        Map.of("main", "prod"), "meltanodata:branchRules"),
                rules("rule without an environment", List.of(Map.of("name", "production", "ref", "main")),
                        "'ref' and 'environment' are required"),
                rules("newline in a rule name", List.of(rule("prod\nuction", "main", "prod")), "prod\\u000auction"),
                rules("two rules of one name", List.of(rule("production", "main", "prod"),
                        rule("production", "release/*", "staging")), "production", "earlier rule"),
                rules("environment meltano.yml does not define", List.of(rule("production", "main", "qa")), "'qa'",
                        "dev", "prod", "staging"),
                rules("schedule meltano.yml does not define", List.of(Map.of("name", "production", "ref", "main",
                        "environment", "prod", "services", List.of("schedule:hourly-github"))), "hourly-github"),
                rules("service meltano.yml does not define", List.of(Map.of("name", "production", "ref", "main",
                        "environment", "prod", "services", List.of("service:superset:ui"))), "superset:ui"),
                rules("rule shadowed by a catch-all before it", List.of(rule("everything", "**", "dev"),
                        rule("production", "main", "prod")), "production", "unreachable", "'**'"),
                rules("ref pattern of remote-tracking refs", List.of(rule("remotes", "refs/remotes/origin/*", "dev")),
                        "refs/remotes/origin/*"),
                rules("ref pattern with a character class", List.of(rule("features", "feature/[a-z]*", "dev")),
                        "feature/[a-z]*"),
                rules("TTL forever", List.of(Map.of("name", "features", "ref", "feature/**", "environment", "dev",
                        "ttl", "forever")), "'forever'"),
                rules("misspelt rule field", List.of(Map.of("name", "production", "ref", "main", "environmnet", "prod")),
                        "'environmnet'"),
                rules("archiveOnDispose as a word", List.of(Map.of("name", "production", "ref", "main",
                        "environment", "prod", "archiveOnDispose", "maybe")), "[0].archiveOnDispose", "true or false"),

                // meltano.yml and its included files (read by the Hosted Project)
                meltano("billion laughs (alias bomb)", MELTANO, billionLaughs(), "meltano.yml", "aliases"),
                meltano("nesting 500 levels deep", MELTANO, "x: " + "[".repeat(500) + "]".repeat(500) + "\n",
                        "nested deeper than 100"),
                meltano("file of 2 MiB", MELTANO, "version: 1\n# " + "x".repeat(2 << 20) + "\n", "larger than 1 MiB"),
                bytes("not UTF-8", MELTANO, new byte[]{'v', 'e', 'r', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'}, "UTF-8"),
                meltano("a list, not a project", MELTANO, "- version: 1\n", "mapping"),
                edit("meltano.yml", "schedule defined twice", MELTANO, text -> text + "  - name: backfill\n"
                        + "    job: transform\n    interval: '@daily'\n", "backfill", "defined twice"),
                edit("meltano.yml", "cron minute 61", MELTANO, text -> text.replace("'30 6 * * 1-5'", "'61 6 * * 1-5'"),
                        "transform-weekdays", "61 6 * * 1-5"),
                edit("meltano.yml", "schedule of an undefined job", MELTANO,
                        text -> text.replace("job: transform\n", "job: transfrom\n"), "transform-weekdays", "transfrom"),
                edit("meltano.yml", "include path escaping the project", MELTANO,
                        text -> text.replace("./plugins/*.yml", "../../../etc/*.yml"), "include_paths",
                        "../../../etc/*.yml"),
                edit("meltano.yml", "absolute include path", MELTANO,
                        text -> text.replace("./plugins/*.yml", "/etc/*.yml"), "include_paths", "/etc/*.yml"),
                edit("meltano.yml", "included file setting project_id", PLUGINS_INCLUDE,
                        text -> "project_id: 00000000-0000-0000-0000-000000000000\n" + text, "project_id"),
                edit("meltano.yml", "newline in an environment name", DEV_INCLUDE,
                        text -> text.replace("- name: dev", "- name: \"dev\\nprod\""), "environment name", "dev\\u000aprod"),
                edit("meltano.yml", "environment name with a slash", DEV_INCLUDE,
                        text -> text.replace("- name: dev", "- name: ../prod"), "environment name", "'../prod'"),
                edit("meltano.yml", "unknown plugin type", PLUGINS_INCLUDE,
                        text -> text.replace("  loaders:", "  hackers:"), "hackers"),
                edit("meltano.yml", "default environment that is not defined", MELTANO,
                        text -> text.replace("default_environment: dev", "default_environment: qa"), "'qa'"),
                edit("meltano.yml", "a key written twice", MELTANO, text -> text + "version: 2\n", "version", "duplicate"),
                edit("meltano.yml", "schedule name with a quote", MELTANO,
                        text -> text.replace("- name: backfill", "- name: \"back'fill\""), "schedule name", "back'fill"),
                delete("meltano.yml", "meltano.yml deleted", MELTANO, "no meltano.yml"),

                // Layer 4: an Activated Environment's config
                set("environment", "project stack naming another layer", MAIN, "meltanodata:projectStack",
                        "organization/meltanodata-site-instance/acme", "meltanodata:projectStack",
                        "meltanodata-site-instance/acme"),
                set("environment", "ref with '..'", MAIN, "meltanodata:ref", "refs/heads/../main", "meltanodata:ref",
                        "refs/heads/../main"),
                set("environment", "ref with a newline", MAIN, "meltanodata:ref", "main\nprod", "meltanodata:ref",
                        "main\\u000aprod"),
                set("environment", "environment meltano.yml does not define", MAIN, "meltanodata:environment", "qa",
                        "meltanodata:environment", "'qa'", "dev, prod, staging"),
                set("environment", "schedule meltano.yml does not define", MAIN, "meltanodata:schedules",
                        List.of("backfill", "hourly-github"), "meltanodata:schedules", "hourly-github"),
                set("environment", "schedule listed twice", MAIN, "meltanodata:schedules",
                        List.of("backfill", "backfill"), "meltanodata:schedules", "'backfill'", "each once"),
                set("environment", "service meltano.yml does not define", MAIN, "meltanodata:services",
                        List.of("superset:ui"), "meltanodata:services", "superset:ui"),
                set("environment", "service without a command", MAIN, "meltanodata:services", List.of("evidence serve"),
                        "meltanodata:services", "'evidence serve'"),
                set("environment", "fabric the project does not run on", MAIN, "meltanodata:fabric", "prod",
                        "meltanodata:fabric", "'prod'", "'dev'"),
                set("environment", "region other than its project's", FEATURE, "aws:region", "eu-central-1",
                        "aws:region", "'eu-central-1'", "'eu-west-1'"),
                set("environment", "TTL of zero", FEATURE, "meltanodata:ttl", "0h", "meltanodata:ttl", "0h"),
                set("environment", "archive storage class that is not an archive", MAIN,
                        "meltanodata:archiveStorageClass", "STANDARD", "meltanodata:archiveStorageClass", "'STANDARD'"),
                set("environment", "archive kept shorter than it waits to archive", MAIN,
                        "meltanodata:archiveRetentionDays", 10, "meltanodata:archiveRetentionDays", "'10'"),
                set("environment", "quota CPU as a word", MAIN, "meltanodata:quota",
                        Map.of("cpu", "lots", "memory", "32Gi", "pods", 20, "podCpu", "1", "podMemory", "2Gi"),
                        "meltanodata:quota", "lots"),
                set("environment", "unknown quota field", MAIN, "meltanodata:quota", Map.of("cpu", "8", "memory", "32Gi",
                                "pods", 20, "podCpu", "1", "podMemory", "2Gi", "gpus", 8),
                        "meltanodata:quota", "'gpus'"),
                set("environment", "negative budget", MAIN, "meltanodata:monthlyBudgetUsd", -5,
                        "meltanodata:monthlyBudgetUsd", "'-5'"),
                set("environment", "schedule name with a Cyrillic letter", MAIN, "meltanodata:schedules",
                        List.of("bаckfill"), "meltanodata:schedules", "bаckfill"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithOneClearLineAndNothingLeftBehind(BadInput input, @TempDir Path dir) throws Exception {
        RepositoryCopy repository = RepositoryCopy.of(Path.of(".."), dir.resolve("repository"));
        input.breakIt().accept(repository);
        Path outputDir = Files.createDirectories(dir.resolve("out"));
        Path output = outputDir.resolve("preview.json");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MeltanoDataCli.run(new String[]{"preview", "--root", repository.root().toString(), "--format", "json",
                "-o", output.toString()}, new PrintWriter(out), new PrintWriter(err));

        String stderr = err.toString();
        assertEquals(ExitCodes.INVALID_INPUT, exit, stderr);
        assertTrue(stderr.startsWith("error: ") && stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                "one line starting with 'error: ', got:\n" + stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace:\n" + stderr);
        String origin = Path.of(input.file()).getFileName().toString();
        for (String expected : concat(origin, input.mentions())) {
            assertTrue(stderr.contains(expected), "the error should mention " + expected + ":\n" + stderr);
        }
        assertTrue(stderr.length() < 1200, "the error is one readable line, not a dump (" + stderr.length() + " chars)");
        assertEquals("", out.toString());
        try (Stream<Path> left = Files.list(outputDir)) {
            assertEquals(List.of(), left.toList(), "no output file, partial or temporary, is left behind");
        }

        assertFailsBeforeRegistering(repository.path(input.stackFile()), stderr.substring("error: ".length()).strip());
        TRIED.computeIfAbsent(input.area(), a -> new AtomicInteger()).incrementAndGet();
        REPORT_ROWS.add("| " + input.area() + " | " + input.name() + " | `" + stderr.strip().replace("|", "\\|") + "` |");
    }

    /** The failing stack, run as {@code pulumi up} would run it, fails alike and registers nothing. */
    private static void assertFailsBeforeRegistering(Path stackFile, String message) {
        ConfigSource config;
        try {
            config = StackFile.read(stackFile);
        } catch (UserInputException e) {
            assertEquals(message, e.getMessage(), "the stack file itself is unreadable");
            return;
        }
        OfflineStack.Attempt attempt = PREVIEW.layerOf(stackFile).attempt(config, TopologyPreview.stackName(stackFile),
                PARENTS);
        RuntimeException failure = attempt.failure().orElseThrow(() -> new AssertionError(stackFile
                + " deploys without error under LayerApp"));
        assertTrue(failure instanceof UserInputException, "a user error, not " + failure);
        assertEquals(message, failure.getMessage());
        assertEquals(List.of(), attempt.registeredBesidesStackReferences(),
                "nothing may be registered before a bad input fails the run");
    }

    // --- the ways to break a file -------------------------------------------------------------

    static BadInput set(String area, String name, String stackFile, String key, Object value, String... mentions) {
        return new BadInput(area, name, stackFile, stackFile, r -> r.setConfig(stackFile, key, value), List.of(mentions));
    }

    static BadInput unset(String area, String name, String stackFile, String key, String... mentions) {
        return new BadInput(area, name, stackFile, stackFile, r -> r.removeConfig(stackFile, key), List.of(mentions));
    }

    static BadInput write(String area, String name, String stackFile, String text, String... mentions) {
        return new BadInput(area, name, stackFile, stackFile, r -> r.write(stackFile, text), List.of(mentions));
    }

    static BadInput move(String area, String name, String stackFile, String to, String... mentions) {
        return new BadInput(area, name, to, to, r -> r.move(stackFile, to), List.of(mentions));
    }

    static BadInput edit(String area, String name, String file, java.util.function.UnaryOperator<String> change,
                         String... mentions) {
        return new BadInput(area, name, stackOf(file), file, r -> r.edit(file, change), List.of(mentions));
    }

    static BadInput meltano(String name, String file, String text, String... mentions) {
        return new BadInput("meltano.yml", name, PROJECT, file, r -> r.write(file, text), List.of(mentions));
    }

    static BadInput bytes(String name, String file, byte[] content, String... mentions) {
        return new BadInput("meltano.yml", name, PROJECT, file, r -> r.write(file, content), List.of(mentions));
    }

    static BadInput delete(String area, String name, String file, String... mentions) {
        return new BadInput(area, name, PROJECT, PROJECT, r -> r.delete(file), List.of(mentions));
    }

    static BadInput rules(String name, List<?> rules, String... mentions) {
        return new BadInput("branch rules", name, PROJECT, PROJECT, r -> r.setConfig(PROJECT, "meltanodata:branchRules", rules),
                concat("meltanodata:branchRules", List.of(mentions)));
    }

    static Map<String, Object> rule(String name, String ref, String environment) {
        return Map.of("name", name, "ref", ref, "environment", environment);
    }

    private static String stackOf(String file) {
        return file.startsWith("examples/") ? PROJECT : file;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** Nine levels of nine aliases each: 9^9 strings once expanded, from a file of 700 bytes. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            String previous = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        return yaml.toString();
    }
}
