package io.meltanodata.projects;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.Patterns;
import io.meltanodata.components.naming.ProjectNamePrefix;
import io.meltanodata.projects.meltano.MeltanoProject;
import io.meltanodata.projects.meltano.MeltanoProjectReader;
import io.meltanodata.projects.rules.BranchRules;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The validated configuration of one Hosted Project stack: which site, which repository, its
 * meltano.yml (read and validated here) and its branch rules (validated against it), secrets and
 * registry retention. Nothing is created when any of it is wrong.
 */
public record HostedProjectConfig(String region, String siteStack, String fabric, String site, String project,
                                  String repository, MeltanoProject meltano, BranchRules rules, List<String> secrets,
                                  int keepImages, String defaultBranch) {
    public static final String NAMESPACE = "meltanodata";
    static final Pattern SITE_STACK = Pattern.compile("[A-Za-z0-9_.-]+/meltanodata-site-instance/([a-z][a-z0-9]{1,19})");
    static final Pattern FABRIC = Pattern.compile("[a-z][a-z0-9]{0,15}");
    static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9]{0,29}");
    /** A project's roles are named {@code <fabric>-<site>-<project>-...}: these would name the site's roles. */
    static final Set<String> RESERVED = Set.of("admin", "workload", "group", "boundary");
    static final Pattern SECRET = Pattern.compile("[A-Z][A-Z0-9_]{0,127}");
    private static final Set<String> KEYS = Set.of("siteStack", "fabric", "project", "repository", "meltanoProject",
            "branchRules", "secrets", "keepImages", "defaultBranch");

    /** The project's ECR repository name, {@code <fabric>/<site>/<project>}: what CI pushes its images to. */
    public String imageRepository() {
        return ProjectRegistry.repositoryName(fabric, site, project);
    }

    public static HostedProjectConfig load(ConfigSource source, String stackName) {
        ConfigReader config = new ConfigReader(source, NAMESPACE);
        config.checkKeys(KEYS);
        String region = config.matching("aws:region", Patterns.AWS_REGION, Patterns.AWS_REGION_ALLOWED, null);
        MatchResult site = config.match("siteStack", SITE_STACK,
                "the site's fully qualified stack name, <org>/meltanodata-site-instance/<site>");
        String siteStack = site.group();
        String fabric = config.matching("fabric", FABRIC, "the site's fabric (its Layer 1 stack name, e.g. prod)", null);
        String defaultProject = stackName.substring(stackName.lastIndexOf('.') + 1);
        String project = config.matching("project", PROJECT,
                "1-30 lowercase letters and digits, starting with a letter (default: the stack name after '<site>.')",
                defaultProject);
        if (RESERVED.contains(project)) {
            throw config.invalid("project", project, "a name the site's own roles and boundary do not use (not "
                    + String.join(", ", new java.util.TreeSet<>(RESERVED)) + ")");
        }
        ProjectNamePrefix.tooLong(fabric, site.group(1), project).ifPresent(why -> {
            throw new UserInputException(source.origin() + ": config keys '" + config.key("fabric") + "' ('" + fabric
                    + "'), '" + config.key("siteStack") + "' (site '" + site.group(1) + "') and '" + config.key("project")
                    + "' ('" + project + "') are " + why);
        });
        String repository = GitHubDeployTrust.repository(source.origin(), config.key("repository"),
                config.requireText("repository", "the project's GitHub repository as owner/name"));
        String projectDir = config.requireText("meltanoProject",
                "the path of the Meltano project (the directory holding meltano.yml), relative to this stack file");
        Path root = source.directory().resolve(projectDir).normalize();
        MeltanoProject meltano;
        try {
            meltano = MeltanoProjectReader.read(root);
        } catch (UserInputException e) {
            throw new UserInputException(source.origin() + ": config key '" + config.key("meltanoProject") + "' ('"
                    + ConfigReader.printable(projectDir) + "'): " + e.getMessage());
        }
        BranchRules rules = BranchRules.read(config);
        rules.validate(meltano.declarations(), source.origin());
        List<String> secrets = config.distinctTextList("secrets", SECRET,
                "environment-variable style names such as TAP_GITHUB_AUTH_TOKEN");
        int keepImages = config.integer("keepImages", 30, 1, 1000);
        String defaultBranch = GitHubDeployTrust.defaultBranch(source.origin(), config.key("defaultBranch"),
                config.text("defaultBranch", "main"));
        return new HostedProjectConfig(region, siteStack, fabric, site.group(1), project, repository, meltano, rules,
                secrets, keepImages, defaultBranch);
    }

    /** The Pulumi organization of this project's stacks: the one its site stack lives in. */
    public String org() {
        return siteStack.substring(0, siteStack.indexOf('/'));
    }

    public ProjectSpec spec() {
        return new ProjectSpec(fabric, site, project, repository, rules.activatedPatterns(), secrets, keepImages, defaultBranch);
    }
}
