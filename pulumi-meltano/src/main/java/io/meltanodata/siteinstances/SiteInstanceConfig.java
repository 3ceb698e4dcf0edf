package io.meltanodata.siteinstances;

import com.fasterxml.jackson.databind.JavaType;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.Patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The validated configuration of one Site Instance stack: which fabric, the site's name, its
 * groups and ACL, the caps of its node pool and of each of its nodes, and the monthly budget of
 * everything tagged to the site (its nodes included).
 */
public record SiteInstanceConfig(String region, String fabricStack, String fabricName, String site, List<SiteGroup> groups, List<AclEntry> acl,
                                 int nodePoolCpuLimit, int nodePoolMemoryGiB, int nodeMaxCpu, int noncurrentVersionDays,
                                 int monthlyBudgetUsd) {

    public static final String NAMESPACE = "meltanodata";
    public static final List<String> REQUIRED_GROUPS = List.of("admin", "developer", "viewer");
    /** Names a site may not take: Kubernetes and platform namespaces, and words that read as the platform's. */
    public static final Set<String> RESERVED = Set.of("default", "kube", "kubesystem", "kubepublic", "system",
            "meltanodata", "meltano", "platform", "admin", "aws", "eks", "amazon", "root", "fabric", "shared", "all");
    static final Pattern SITE = Pattern.compile("[a-z][a-z0-9]{1,19}");
    static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9]{0,19}");
    /** {@code <org>/meltanodata-service-fabric/<fabric>}: the fabric's stack name is the fabric's name. */
    static final Pattern FABRIC_STACK = Pattern.compile("[A-Za-z0-9_.-]+/meltanodata-service-fabric/([a-z][a-z0-9]{0,15})");
    static final Pattern PROJECT_OR_ENV = Pattern.compile("\\*|[a-z][a-z0-9-]{0,39}");

    private static final Set<String> KEYS = Set.of("fabricStack", "site", "groups", "acl", "nodePoolCpuLimit",
            "nodePoolMemoryGiB", "nodeMaxCpu", "noncurrentVersionDays", "monthlyBudgetUsd");
    /**
     * The vCPU counts a site's largest node may have: those of the EC2 sizes of the c, m and r
     * categories the pool allows (large 2, xlarge 4, 2xlarge 8, 4xlarge 16, 8xlarge 32), up to the
     * 32 of AWS's example (EKS User Guide, "Control costs in EKS Auto Mode", "Constrain instance sizes":
     * "moderate sizes (for example, 4–32 vCPUs)").
     */
    public static final List<Integer> NODE_MAX_CPUS = List.of(2, 4, 8, 16, 32);
    public static final int DEFAULT_NODE_MAX_CPU = 8;

    /** The shape of one group in config. */
    record GroupConfig(List<String> members, String clusterRole, List<String> principals) {
    }

    /** The shape of one ACL entry in config. */
    record AclConfig(String group, String permission, List<String> projects, List<String> environments) {
    }

    public static SiteInstanceConfig load(ConfigSource source, String stackName) {
        ConfigReader config = new ConfigReader(source, NAMESPACE);
        config.checkKeys(KEYS);
        String region = config.matching("aws:region", Patterns.AWS_REGION,
                Patterns.AWS_REGION_ALLOWED + " (the fabric's region)", null);
        java.util.regex.MatchResult fabric = config.match("fabricStack", FABRIC_STACK,
                "the fabric's fully qualified stack name, <org>/meltanodata-service-fabric/<fabric>");
        String fabricStack = fabric.group();
        String site = siteName(config, config.text("site", stackName));
        List<SiteGroup> groups = groups(config);
        List<AclEntry> acl = acl(config, groups);
        int nodePoolCpuLimit = config.integer("nodePoolCpuLimit", 64, 2, 4096);
        return new SiteInstanceConfig(region, fabricStack, fabric.group(1), site, groups, acl,
                nodePoolCpuLimit,
                config.integer("nodePoolMemoryGiB", 256, 4, 16384),
                nodeMaxCpu(config, nodePoolCpuLimit),
                config.integer("noncurrentVersionDays", 30, 1, 3650),
                config.integer("monthlyBudgetUsd", 1000, 1, 1_000_000));
    }

    /**
     * The vCPUs of the site's largest node. Unset, {@value #DEFAULT_NODE_MAX_CPU}, or the largest
     * allowed size within a smaller {@code nodePoolCpuLimit}: a node larger than the pool's whole limit
     * could never launch.
     */
    static int nodeMaxCpu(ConfigReader config, int nodePoolCpuLimit) {
        List<Integer> fitting = NODE_MAX_CPUS.stream().filter(c -> c <= nodePoolCpuLimit).toList();
        String allowed = "one of " + fitting.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + " (vCPUs of an EC2 size, at most 32 and at most nodePoolCpuLimit " + nodePoolCpuLimit + ")";
        java.util.Optional<String> raw = config.optionalText("nodeMaxCpu");
        if (raw.isEmpty()) {
            return Math.min(DEFAULT_NODE_MAX_CPU, fitting.get(fitting.size() - 1));
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (fitting.contains(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw config.invalid("nodeMaxCpu", raw.get(), allowed);
    }

    static String siteName(ConfigReader config, String site) {
        String squashed = site.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (RESERVED.contains(squashed)) {
            throw config.invalid("site", site, "a name that is not reserved (" + String.join(", ", new TreeSet<>(RESERVED)) + ")");
        }
        if (io.meltanodata.servicefabric.ServiceFabric.NAME_WORDS.contains(squashed)) {
            throw config.invalid("site", site, "a name the fabric's own resources do not use (not "
                    + String.join(", ", new TreeSet<>(io.meltanodata.servicefabric.ServiceFabric.NAME_WORDS))
                    + "): the site's bucket meltanodata-<fabric>-<site> would be the fabric's");
        }
        if (!SITE.matcher(site).matches()) {
            throw config.invalid("site", site, "2-20 lowercase letters and digits, starting with a letter "
                    + "(no punctuation, so two sites can never differ only in case or punctuation)");
        }
        return site;
    }

    private static List<SiteGroup> groups(ConfigReader config) {
        JavaType type = com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance()
                .constructMapType(LinkedHashMap.class, String.class, GroupConfig.class);
        @SuppressWarnings("unchecked")
        Map<String, GroupConfig> raw = (Map<String, GroupConfig>) config.optionalObject("groups", type,
                "a mapping of group name to {members: [emails], clusterRole: none|viewer|developer|admin, principals: [IAM ARNs]}")
                .orElse(new LinkedHashMap<>());
        Map<String, GroupConfig> all = new LinkedHashMap<>();
        for (String required : REQUIRED_GROUPS) {
            all.put(required, raw.getOrDefault(required, new GroupConfig(List.of(), required, List.of())));
        }
        raw.forEach(all::putIfAbsent);

        List<SiteGroup> groups = new ArrayList<>();
        Map<String, String> roleOfMember = new HashMap<>();
        Map<String, String> groupOfMember = new HashMap<>();
        for (Map.Entry<String, GroupConfig> entry : all.entrySet()) {
            String name = entry.getKey();
            GroupConfig g = entry.getValue() == null ? new GroupConfig(List.of(), null, List.of()) : entry.getValue();
            if (!GROUP.matcher(name).matches()) {
                throw config.invalid("groups", name, "group names of 1-20 lowercase letters and digits");
            }
            String defaultRole = REQUIRED_GROUPS.contains(name) ? name : "none";
            ClusterRoleLevel level = level(config, name, g.clusterRole() == null ? defaultRole : g.clusterRole());
            List<String> members = g.members() == null ? List.of() : g.members();
            for (String member : members) {
                if (member == null || !Patterns.EMAIL.matcher(member).matches()) {
                    throw config.invalid("groups." + name + ".members", String.valueOf(member), "email addresses");
                }
                String email = member.toLowerCase(java.util.Locale.ROOT);
                String previous = roleOfMember.putIfAbsent(email, level.spelling());
                if (previous != null && !previous.equals(level.spelling())) {
                    throw new UserInputException(config.source().origin() + ": config key 'meltanodata:groups': member '"
                            + member + "' is in group '" + groupOfMember.get(email) + "' (" + previous + ") and group '"
                            + name + "' (" + level.spelling() + "); a member's groups must grant the same cluster role");
                }
                groupOfMember.putIfAbsent(email, name);
            }
            List<String> principals = g.principals() == null ? List.of() : g.principals();
            principals.forEach(p -> {
                if (p == null || !Patterns.IAM_PRINCIPAL.matcher(p).matches()) {
                    throw config.invalid("groups." + name + ".principals", String.valueOf(p), "IAM role or user ARNs");
                }
            });
            groups.add(new SiteGroup(name, members, level, principals));
        }
        return List.copyOf(groups);
    }

    private static ClusterRoleLevel level(ConfigReader config, String group, String value) {
        for (ClusterRoleLevel level : ClusterRoleLevel.values()) {
            if (level.spelling().equals(value)) {
                return level;
            }
        }
        throw config.invalid("groups." + group + ".clusterRole", value, "one of none, viewer, developer, admin");
    }

    private static List<AclEntry> acl(ConfigReader config, List<SiteGroup> groups) {
        JavaType type = com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance()
                .constructCollectionType(List.class, AclConfig.class);
        @SuppressWarnings("unchecked")
        List<AclConfig> raw = (List<AclConfig>) config.optionalObject("acl", type,
                "a list of {group, permission: view|deploy|administer, projects: [names or *], environments: [names or *]}")
                .orElse(defaultAcl());
        Set<String> known = new TreeSet<>(groups.stream().map(SiteGroup::name).toList());
        List<AclEntry> acl = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            AclConfig e = raw.get(i);
            String at = "acl[" + i + "]";
            if (e == null || e.group() == null || !known.contains(e.group())) {
                throw config.invalid(at + ".group", e == null ? "null" : String.valueOf(e.group()), "one of the site's groups " + known);
            }
            AclEntry.Permission permission = permission(config, at, e.permission());
            List<String> projects = e.projects() == null ? List.of("*") : e.projects();
            List<String> environments = e.environments() == null ? List.of("*") : e.environments();
            for (String name : concat(projects, environments)) {
                if (name == null || !PROJECT_OR_ENV.matcher(name).matches()) {
                    throw config.invalid(at, String.valueOf(name), "project and environment names (lowercase, digits, '-') or *");
                }
            }
            acl.add(new AclEntry(e.group(), permission, projects, environments));
        }
        return List.copyOf(acl);
    }

    private static AclEntry.Permission permission(ConfigReader config, String at, String value) {
        for (AclEntry.Permission p : AclEntry.Permission.values()) {
            if (p.name().equals(value)) {
                return p;
            }
        }
        throw config.invalid(at + ".permission", String.valueOf(value), "one of view, deploy, administer");
    }

    private static List<AclConfig> defaultAcl() {
        return List.of(new AclConfig("admin", "administer", List.of("*"), List.of("*")),
                new AclConfig("developer", "deploy", List.of("*"), List.of("*")),
                new AclConfig("viewer", "view", List.of("*"), List.of("*")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public SiteGroup group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }
}
