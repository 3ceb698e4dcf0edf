package io.meltanodata.testing;

import java.util.List;

/**
 * More projects for a copy of the repository's examples: each a copy of the example project
 * {@code acme.analytics} on another site and/or under another name, with the example's two
 * environments ({@code prod} on main, {@code dev} on a feature branch).
 */
public final class ExampleProjects {
    public static final List<String> ENVIRONMENT_STACKS = List.of("prod.main", "dev.feature-login-78f299f7");
    private static final String PROJECTS = "deployments/03_projects/";
    private static final String ENVIRONMENTS = "deployments/04_environments/";

    private ExampleProjects() {
    }

    /** Writes {@code Pulumi.<site>.<project>.yaml} and its environments' stack files into {@code repo}. */
    public static void add(RepositoryCopy repo, String site, String project) {
        repo.write(PROJECTS + "Pulumi." + site + "." + project + ".yaml", repo.read(PROJECTS + "Pulumi.acme.analytics.yaml")
                .replace("meltanodata-site-instance/acme", "meltanodata-site-instance/" + site)
                .replace("acme/analytics", site + "/" + project));
        for (String env : ENVIRONMENT_STACKS) {
            repo.write(ENVIRONMENTS + "Pulumi." + site + "." + project + "." + env + ".yaml",
                    repo.read(ENVIRONMENTS + "Pulumi.acme.analytics." + env + ".yaml")
                            .replace("meltanodata-hosted-project/acme.analytics", "meltanodata-hosted-project/" + site + "." + project));
        }
    }
}
