package io.meltanodata.real;

import io.meltanodata.limits.LongestNames;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.TopologyPreview;
import io.meltanodata.testing.RealTools;
import io.meltanodata.testing.RepositoryCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who can do what across sites and projects, decided by a maintained IAM evaluation engine we did
 * not write ({@code @cloud-copilot/iam-simulate}) over the policies the layers render: two sites
 * (acme with projects analytics and reports, globex with analytics) on fabric dev, each project
 * with environments prod/main and dev/feature-login. Every principal the layers create asks for
 * the other site's, the other project's and the fabric's resources (denied), and does its own job
 * (allowed): {@link IamMatrix}. The matrix is written to {@code target/iam-matrix.md}.
 */
class IamMatrixIT {
    static List<LayerRendering> layers;
    static RenderedIam iam;

    @BeforeAll
    static void render(@TempDir Path root) {
        RepositoryCopy repo = RepositoryCopy.of(RealTools.repositoryRoot(), root);
        String sites = "deployments/02_site_instances/";
        String projects = "deployments/03_projects/";
        String envs = "deployments/04_environments/";
        repo.write(sites + "Pulumi.acme.yaml", repo.read(sites + "Pulumi.acme.yaml")
                .replace("    viewer:\n      members: [dee@acme.example]\n",
                        "    viewer:\n      members: [dee@acme.example]\n      principals: [arn:aws:iam::111122223333:role/AcmeViewers]\n"));
        repo.write(sites + "Pulumi.globex.yaml", repo.read(sites + "Pulumi.acme.yaml").replace("acme", "globex").replace("Acme", "Globex"));
        String project = repo.read(projects + "Pulumi.acme.analytics.yaml");
        for (String[] p : IamMatrix.PROJECTS) {
            repo.write(projects + "Pulumi." + p[0] + "." + p[1] + ".yaml", project
                    .replace("meltanodata-site-instance/acme", "meltanodata-site-instance/" + p[0])
                    .replace("acme/analytics", p[0] + "/" + p[1]));
            for (String env : IamMatrix.ENVIRONMENTS) {
                repo.write(envs + "Pulumi." + p[0] + "." + p[1] + "." + env + ".yaml",
                        repo.read(envs + "Pulumi.acme.analytics." + env + ".yaml")
                                .replace("meltanodata-hosted-project/acme.analytics", "meltanodata-hosted-project/" + p[0] + "." + p[1]));
            }
        }
        // Platform admins live in the fabric's own account, as they do in production (the examples name another).
        String fabric = "deployments/01_service_fabric/Pulumi.dev.yaml";
        repo.write(fabric, repo.read(fabric).replace("arn:aws:iam::111122223333:role/PlatformAdmin",
                "arn:aws:iam::" + IamMatrix.ACCOUNT + ":role/PlatformAdmin"));
        try {
            Files.delete(repo.path("deployments/01_service_fabric/Pulumi.prod.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TopologyPreview preview = new TopologyPreview(Layers.all());
        layers = preview.render(preview.exampleStackFiles(root));
        assertEquals(1 + 2 + 3 + 6, layers.size(), "fabric dev, 2 sites, 3 projects, 6 environments");
        iam = RenderedIam.of(layers.stream().map(LayerRendering::rendering).toList(), IamMatrix.ACCOUNT, IamMatrix.REGION);
    }

    @Test
    void everyCrossBoundaryRequestIsDeniedAndEveryPrincipalCanDoItsJob() throws IOException {
        List<IamRequest> requests = new IamMatrix(layers, iam).requests();
        Map<String, String> decisions = IamEngine.pinned().decide(requests);
        List<String> mismatches = new ArrayList<>();
        StringBuilder md = new StringBuilder("# IAM matrix\n\nEvaluated by @cloud-copilot/iam-simulate (strict mode) over the "
                + "rendered policies of fabric dev, sites acme and globex.\n\n"
                + "| # | principal | action | resource | expected | engine | why |\n|---|---|---|---|---|---|---|\n");
        int denied = 0;
        int allowed = 0;
        for (IamRequest r : requests) {
            String decision = decisions.get(r.id());
            boolean ok = mismatch(r, decision).isEmpty();
            if (r.expectAllowed()) {
                allowed++;
            } else {
                denied++;
            }
            mismatch(r, decision).ifPresent(mismatches::add);
            md.append("| ").append(r.id()).append(" | ").append(r.principal()).append(" | ").append(r.action()).append(" | `")
                    .append(r.resource()).append("` | ").append(r.expectAllowed() ? "allow" : "deny").append(" | ")
                    .append(decision).append(ok ? "" : " **MISMATCH**").append(" | ").append(r.why()).append(" |\n");
        }
        String counts = "IAM matrix: " + requests.size() + " requests (" + denied + " cross-boundary, expected denied; "
                + allowed + " positive controls, expected allowed), "
                + requests.stream().map(IamRequest::principal).distinct().count() + " principals; "
                + mismatches.size() + " mismatches";
        md.insert(0, "<!-- " + counts + " -->\n");
        Path report = Path.of("target", "iam-matrix.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md.toString());
        System.out.println(counts + " (matrix: " + report.toAbsolutePath() + ")");
        mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
        assertEquals(List.of(), mismatches, counts);
    }

    /**
     * Issue 22 item 7: at the longest names the config accepts (fabric, site and project together
     * {@code ProjectNamePrefix.MAX_TOGETHER}, at each corner of that budget), a project's principals
     * still do their own jobs: the deploy role creates, configures and deletes its environment's
     * artifacts bucket, role and association; the environment role reads, writes and lists its
     * state and artifacts; the site's roles are assumed as their trust says and its key used by the
     * site only. Derived names cut to fit AWS's limits must keep the prefix the policies match.
     */
    @Test
    void atTheLongestNamesEveryOwnProjectRequestIsDecidedAsForTheExample(@TempDir Path dir) {
        List<String> mismatches = new ArrayList<>();
        StringBuilder counts = new StringBuilder("IAM at the longest names:");
        for (int[] corner : LongestNames.CORNERS) {
            LongestNames longest = LongestNames.render(corner[0], corner[1], corner[2], dir);
            RenderedIam rendered = RenderedIam.of(longest.layers(), IamMatrix.ACCOUNT, LongestNames.REGION);
            List<IamRequest> requests = new IamMatrix(longest.layers(), rendered, longest.fabric(), LongestNames.REGION,
                    List.of(LongestNames.ENVIRONMENT_STACK)).ownProject(longest.site(), longest.project(), "globex");
            Map<String, String> decisions = IamEngine.pinned().decide(requests);
            List<String> here = requests.stream().flatMap(r -> mismatch(r, decisions.get(r.id())).stream())
                    .map(m -> longest.site() + "." + longest.project() + ": " + m).toList();
            mismatches.addAll(here);
            counts.append(" fabric/site/project ").append(corner[0]).append("/").append(corner[1]).append("/").append(corner[2])
                    .append(": ").append(requests.size()).append(" requests (")
                    .append(requests.stream().filter(IamRequest::expectAllowed).count()).append(" expected allowed), ")
                    .append(here.size()).append(" mismatches;");
            assertTrue(requests.stream().filter(IamRequest::expectAllowed).count() >= 30, counts.toString());
        }
        System.out.println(counts);
        mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
        assertEquals(List.of(), mismatches, counts.toString());
    }

    /** Why the engine's decision is not the expected one, or empty when it is. */
    static java.util.Optional<String> mismatch(IamRequest r, String decision) {
        if (r.expectAllowed() == "Allowed".equals(decision)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(r.principal() + " " + r.action() + " " + r.resource() + ": expected "
                + (r.expectAllowed() ? "Allowed" : "denied") + ", engine " + decision + " (" + r.why() + ")");
    }
}
