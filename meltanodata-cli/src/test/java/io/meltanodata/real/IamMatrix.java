package io.meltanodata.real;

import io.meltanodata.components.kubernetes.MeltanoRuns;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.real.IamRequest.Principal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of the IAM matrix, built from what the layers rendered (names, ARNs, tags), never
 * from the policies' text: per principal, the other site's, the other project's and the fabric's
 * resources (expected denied) and its own job (expected allowed), plus the trust policies and the
 * resource policies on their own.
 */
final class IamMatrix {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    static final String FABRIC = "dev";
    static final List<String> ENVIRONMENTS = List.of("prod.main", "dev.feature-login-78f299f7");
    static final List<String[]> PROJECTS = List.of(new String[]{"acme", "analytics"}, new String[]{"acme", "reports"},
            new String[]{"globex", "analytics"});
    static final String SITE_TAG = "meltanodata:site";
    static final String PROJECT_TAG = "meltanodata:project";
    static final List<String> POD_IDENTITY_SESSION_TAGS = List.of("eks-cluster-arn", "eks-cluster-name",
            "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid");

    private final List<Rendering> layers;
    private final RenderedIam iam;
    private final String fabric;
    private final String region;
    private final List<String> environments;
    private final List<IamRequest> requests = new ArrayList<>();

    /** The example's topology: fabric {@link #FABRIC} in {@link #REGION}, environments {@link #ENVIRONMENTS} per project. */
    IamMatrix(List<LayerRendering> layers, RenderedIam iam) {
        this(layers.stream().map(LayerRendering::rendering).toList(), iam, FABRIC, REGION, ENVIRONMENTS);
    }

    /** Any topology: its fabric and region, and the environments (stack name after {@code <site>.<project>.}) per project. */
    IamMatrix(List<Rendering> layers, RenderedIam iam, String fabric, String region, List<String> environments) {
        this.layers = List.copyOf(layers);
        this.iam = iam;
        this.fabric = fabric;
        this.region = region;
        this.environments = List.copyOf(environments);
    }


    List<IamRequest> requests() {
        for (String site : List.of("acme", "globex")) {
            String other = site.equals("acme") ? "globex" : "acme";
            for (Principal p : sitePrincipals(site)) {
                crossSite(p, site, other, null);
                fabric(p, site, null);
                siteJob(p, site);
            }
            for (String[] pr : PROJECTS) {
                if (!pr[0].equals(site)) {
                    continue;
                }
                String project = pr[1];
                String otherProject = PROJECTS.stream().filter(q -> q[0].equals(site) && !q[1].equals(project))
                        .map(q -> q[1]).findFirst().orElse(null);
                for (Principal p : projectPrincipals(site, project)) {
                    crossSite(p, site, other, project);
                    fabric(p, site, project);
                    if (otherProject != null) {
                        otherProject(p, site, project, otherProject);
                    }
                    confinement(p, site, project);
                }
                projectJobs(site, project);
            }
            trust(site, other);
            resourcePoliciesAlone(site);
            siteKey(site, other);
        }
        return requests;
    }

    /**
     * One project's own jobs at whatever names its stacks rendered with: the deploy role's, each
     * environment role's, the pipeline-made role's through the boundary, and the trust of the site's
     * roles and its key's policy, against a site named {@code other} that is not rendered.
     */
    List<IamRequest> ownProject(String site, String project, String other) {
        projectJobs(site, project);
        trust(site, other);
        siteKey(site, other);
        return requests;
    }

    private void projectJobs(String site, String project) {
        deployJob(principal(deployRole(site, project)), site, project);
        for (String env : environments) {
            environmentJob(principal(environmentRole(site, project, env)), site, project, env);
        }
        ownProjectThroughTheBoundary(pipelineMadeRole(site, project), site, project);
    }

    // ---- who

    List<Principal> projectPrincipals(String site, String project) {
        List<Principal> all = new ArrayList<>(List.of(principal(deployRole(site, project)), pipelineMadeRole(site, project)));
        for (String env : environments) {
            all.add(principal(environmentRole(site, project, env)));
        }
        return all;
    }

    List<Principal> sitePrincipals(String site) {
        List<Principal> all = new ArrayList<>();
        for (String name : List.of("admin", "workload", "group-admin", "group-developer", "group-viewer")) {
            all.add(principal(iam.role(fabric + "-" + site + "-" + name)));
        }
        return all;
    }

    Principal principal(RenderedIam.Role role) {
        return new Principal(role.name(), role.arn(), role.inline(), iam.boundary(role), role.tags());
    }

    RenderedIam.Role deployRole(String site, String project) {
        return stackResource(site + "." + project, "aws:iam/role:Role", "deploy-role", r -> iam.role((String) r.inputs().get("name")));
    }

    RenderedIam.Role environmentRole(String site, String project, String env) {
        return stackResource(site + "." + project + "." + env, "aws:iam/role:Role", "role",
                r -> iam.role((String) r.inputs().get("name")));
    }

    /**
     * The worst role a project's pipeline can make: named like its environments' roles, with the
     * boundary they carry (the one its deploy role must set) and an inline policy allowing everything.
     */
    Principal pipelineMadeRole(String site, String project) {
        RenderedIam.Role env = environmentRole(site, project, environments.get(0));
        String name = fabric + "-" + site + "-" + project + "-made-by-pipeline";
        Object everything = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")));
        return new Principal(name, env.arn().replace(env.name(), name), List.of(everything), iam.boundary(env),
                Map.of(SITE_TAG, site, PROJECT_TAG, project));
    }

    // ---- what, per area

    void crossSite(Principal p, String site, String other, String project) {
        String state = siteBucket(other) + "/projects/analytics/environments/prod/main/state/state.json";
        String artifacts = artifactsBucket(other, "analytics", "prod.main");
        deny(p, "s3:GetObject", "arn:aws:s3:::" + state, iam.bucketPolicies().get(siteBucket(other)), "I-1 other site's data");
        deny(p, "s3:PutObject", "arn:aws:s3:::" + state, iam.bucketPolicies().get(siteBucket(other)), "I-1 other site's data");
        deny(p, "s3:GetObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), "other site's artifacts");
        deny(p, "s3:PutObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), "other site's artifacts");
        deny(p, "kms:Decrypt", siteKey(other), iam.keyPolicies().get(siteKey(other)), "other site's key");
        deny(p, "secretsmanager:GetSecretValue", secret(other, "analytics"), null, "other site's secrets");
        deny(p, "ecr:BatchGetImage", repository(other, "analytics"), null, "other site's images");
        deny(p, "ecr:PutImage", repository(other, "analytics"), null, "other site's images");
        deny(p, "logs:PutLogEvents", logStream(other, "analytics", "prod.main"), null, "finding 3: other site's job logs");
        deny(p, "logs:CreateLogStream", logStream(other, "analytics", "prod.main"), null, "finding 3: other site's job logs");
        deny(p, "iam:PutRolePolicy", iam.role(fabric + "-" + other + "-admin").arn(), null, "other site's roles");
        deny(p, "iam:PassRole", environmentRole(other, "analytics", "prod.main").arn(), null, "other site's roles");
        deny(p, "iam:CreatePolicyVersion", siteBoundary(other), null, "other site's boundary");
        Map<String, Object> retag = tagging(site, project == null ? "analytics" : project);
        retag.putAll(resourceTags(other, "analytics"));
        deny(p, "eks:TagResource", association(other, "analytics", "prod.main"), null, retag,
                "finding 1: re-tag another site's Pod Identity association");
        deny(p, "eks:UpdatePodIdentityAssociation", association(other, "analytics", "prod.main"), null, resourceTags(other, "analytics"),
                "finding 1: another site's Pod Identity association");
        deny(p, "eks:DeletePodIdentityAssociation", association(other, "analytics", "prod.main"), null, resourceTags(other, "analytics"),
                "finding 1: another site's Pod Identity association");
    }

    void fabric(Principal p, String site, String project) {
        deny(p, "eks:TagResource", cluster(), null, tagging(site, project == null ? "analytics" : project),
                "finding 2: tag the shared cluster");
        String ui = fabricResource("aws:s3/bucketV2:BucketV2", "ui-bucket", "bucket");
        deny(p, "s3:PutObject", "arn:aws:s3:::" + ui + "/index.html", iam.bucketPolicies().get(ui), "finding 4: the fabric's UI bucket");
        deny(p, "s3:DeleteObject", "arn:aws:s3:::" + ui + "/index.html", iam.bucketPolicies().get(ui), "finding 4: the fabric's UI bucket");
        deny(p, "logs:PutLogEvents", "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:"
                + fabricResource("aws:cloudwatch/logGroup:LogGroup", "flow-logs", "name") + ":log-stream:eni-1-all", null, "fabric's logs");
        deny(p, "iam:PutRolePolicy", iam.role("meltanodata-" + fabric + "-node").arn(), null, "fabric's roles");
        deny(p, "iam:PassRole", iam.role("meltanodata-" + fabric + "-observability").arn(), null, "fabric's roles");
    }

    void otherProject(Principal p, String site, String project, String other) {
        String why = "finding 5: project " + other + " of the same site";
        String state = siteBucket(site) + "/projects/" + other + "/environments/prod/main/state/state.json";
        String artifacts = artifactsBucket(site, other, "prod.main");
        deny(p, "secretsmanager:GetSecretValue", secret(site, other), null, why);
        deny(p, "s3:GetObject", "arn:aws:s3:::" + state, iam.bucketPolicies().get(siteBucket(site)), why);
        deny(p, "s3:PutObject", "arn:aws:s3:::" + state, iam.bucketPolicies().get(siteBucket(site)), why);
        deny(p, "s3:GetObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), why);
        deny(p, "ecr:PutImage", repository(site, other), null, why);
        deny(p, "logs:PutLogEvents", logStream(site, other, "prod.main"), null, why);
        deny(p, "iam:PutRolePolicy", deployRole(site, other).arn(), null, why);
        deny(p, "iam:PutRolePolicy", environmentRole(site, other, "prod.main").arn(), null, why);
        deny(p, "iam:PassRole", environmentRole(site, other, "prod.main").arn(), null,
                Map.of("iam:PassedToService", "pods.eks.amazonaws.com"), why);
        deny(p, "eks:UpdatePodIdentityAssociation", association(site, other, "prod.main"), null, resourceTags(site, other), why);
        Map<String, Object> retag = tagging(site, project);
        retag.putAll(resourceTags(site, other));
        deny(p, "eks:TagResource", association(site, other, "prod.main"), null, retag, why);
    }

    /** No role of a project may change the roles or boundaries that confine it. */
    void confinement(Principal p, String site, String project) {
        String why = "finding 5: change what confines it";
        deny(p, "iam:PutRolePolicy", iam.role(fabric + "-" + site + "-admin").arn(), null, why);
        deny(p, "iam:PutRolePolicy", deployRole(site, project).arn(), null, why);
        deny(p, "iam:CreatePolicyVersion", siteBoundary(site), null, why);
        projectBoundary(site, project).ifPresent(b -> deny(p, "iam:CreatePolicyVersion", b, null, why));
        deny(p, "iam:DeleteRolePermissionsBoundary", environmentRole(site, project, "prod.main").arn(), null, why);
        deny(p, "iam:CreateRole", roleArn(site, project + "-prod-escape"), null, createRole(siteBoundary(site), site, project),
                "finding 5: a role under the whole site's boundary");
        String otherSite = site.equals("acme") ? "globex" : "acme";
        deny(p, "eks:CreatePodIdentityAssociation", cluster(), null, tagging(otherSite, project),
                "finding 1: an association claiming another site");
        RenderedIam.Role env = environmentRole(site, project, "prod.main");
        deny(p, "iam:CreateRole", roleArn(site, project + "-staging-main"), null, createRole(env.boundaryArn(), otherSite, project),
                "T-2: a role claiming another site");
        Map<String, Object> extraKey = createRole(env.boundaryArn(), site, project);
        extraKey.put("aws:RequestTag/owner", "me");
        extraKey.put("aws:TagKeys", List.of(SITE_TAG, PROJECT_TAG, "owner"));
        deny(p, "iam:CreateRole", roleArn(site, project + "-staging-main"), null, extraKey, "tag keys other than charge-back's");
        Map<String, Object> retag = new LinkedHashMap<>(Map.of("aws:RequestTag/" + SITE_TAG, otherSite,
                "aws:TagKeys", List.of(SITE_TAG)));
        deny(p, "iam:TagRole", environmentRole(site, project, "prod.main").arn(), null, retag, "T-2: re-tag a role to another site");
        String otherProject = project.equals("analytics") ? "reports" : "analytics";
        deny(p, "iam:TagRole", environmentRole(site, project, "prod.main").arn(), null,
                Map.of("aws:RequestTag/" + PROJECT_TAG, otherProject, "aws:TagKeys", List.of(PROJECT_TAG)),
                "T-2: re-tag a role to another project");
        deny(p, "iam:UntagRole", environmentRole(site, project, "prod.main").arn(), null, Map.of("aws:TagKeys", List.of(SITE_TAG)),
                "T-2: remove a role's site tag");
        deny(p, "iam:UntagRole", environmentRole(site, project, "prod.main").arn(), null,
                Map.of("aws:TagKeys", List.of("meltanodata:layer", PROJECT_TAG)), "T-2: remove a role's project tag");
        deny(p, "iam:PassRole", environmentRole(site, project, "prod.main").arn(), null,
                Map.of("iam:PassedToService", "ec2.amazonaws.com"), "a project's roles go to EKS Pod Identity only");
        deny(p, "iam:GetRole", deployRole(site, project).arn(), null, why);
    }

    void siteJob(Principal p, String site) {
        String object = "arn:aws:s3:::" + siteBucket(site) + "/projects/analytics/environments/prod/main/state/state.json";
        Object bucketPolicy = iam.bucketPolicies().get(siteBucket(site));
        if (p.label().endsWith("-admin") && !p.label().contains("group")) {
            allow(p, "s3:PutObject", object, bucketPolicy, "own job: site admin writes site data");
            for (String[] pr : PROJECTS) {
                if (pr[0].equals(site)) {
                    allow(p, "secretsmanager:GetSecretValue", secret(site, pr[1]), null, "own job: site admin reads the site's secrets");
                }
            }
        }
        if (p.label().endsWith("-workload")) {
            allow(p, "secretsmanager:GetSecretValue", secret(site, "analytics"), null, "own job: site workload reads secrets");
        } else {
            allow(p, "eks:DescribeCluster", cluster(), null, "own job: find the cluster");
        }
        allow(p, "s3:GetObject", object, bucketPolicy, "own job: read site data");
        allow(p, "kms:Decrypt", siteKey(site), iam.keyPolicies().get(siteKey(site)), "own job: the site key");
    }

    void deployJob(Principal p, String site, String project) {
        String why = "own job: deploy the project's environments";
        RenderedIam.Role env = environmentRole(site, project, environments.get(0));
        allow(p, "ecr:PutImage", repository(site, project), null, "own job: push the project's image");
        allow(p, "ecr:GetAuthorizationToken", "*", null, "own job: registry login");
        allow(p, "eks:DescribeCluster", cluster(), null, why);
        // Exactly what Pulumi sends for the rendered environment role: its boundary and all its tags.
        Map<String, Object> asRendered = requestTags(env.tags());
        asRendered.put("iam:PermissionsBoundary", env.boundaryArn());
        allow(p, "iam:CreateRole", env.arn(), null, asRendered, why + " (the rendered role, its boundary and tags)");
        allow(p, "iam:TagRole", env.arn(), null, requestTags(env.tags()), why + " (tags given at CreateRole, if AWS checks them as TagRole)");
        allow(p, "iam:CreateRole", roleArn(site, project + "-staging-main"), null, createRole(env.boundaryArn(), site, project), why);
        allow(p, "iam:PutRolePolicy", env.arn(), null, why);
        allow(p, "iam:UntagRole", env.arn(), null, Map.of("aws:TagKeys", List.of("meltanodata:git-ref")), why + " (a tag that moved)");
        allow(p, "iam:ListRolePolicies", env.arn(), null, why + " (refresh)");
        allow(p, "iam:PassRole", env.arn(), null, Map.of("iam:PassedToService", "pods.eks.amazonaws.com"), why);
        allow(p, "eks:CreatePodIdentityAssociation", cluster(), null, requestTags(associationTags(site, project, environments.get(0))),
                why + " (the rendered association's tags)");
        Map<String, Object> retag = tagging(site, project);
        retag.putAll(resourceTags(site, project));
        allow(p, "eks:TagResource", association(site, project, environments.get(0)), null, retag, why);
        allow(p, "eks:UpdatePodIdentityAssociation", association(site, project, environments.get(0)), null, resourceTags(site, project), why);
        allow(p, "eks:DeletePodIdentityAssociation", association(site, project, environments.get(0)), null, resourceTags(site, project), why);
        String bucket = artifactsBucket(site, project, environments.get(0));
        allow(p, "s3:PutBucketPolicy", "arn:aws:s3:::" + bucket, iam.bucketPolicies().get(bucket), why);
        allow(p, "s3:DeleteObjectVersion", "arn:aws:s3:::" + bucket + "/run.log", iam.bucketPolicies().get(bucket), why);
        allow(p, "s3:CreateBucket", "arn:aws:s3:::" + bucket.replace("prod-main", "staging-main"), null, why);
        allow(p, "budgets:ModifyBudget", "arn:aws:budgets::" + ACCOUNT + ":budget/" + bucket, null, why);
    }

    void environmentJob(Principal p, String site, String project, String env) {
        String why = "own job: run Meltano";
        String prefix = dataPrefix(site, project, env);
        Object bucketPolicy = iam.bucketPolicies().get(siteBucket(site));
        allow(p, "s3:GetObject", "arn:aws:s3:::" + siteBucket(site) + "/" + prefix + "state/state.json", bucketPolicy, why);
        allow(p, "s3:PutObject", "arn:aws:s3:::" + siteBucket(site) + "/" + prefix + "state/state.json", bucketPolicy, why);
        allow(p, "s3:ListBucket", "arn:aws:s3:::" + siteBucket(site), bucketPolicy, Map.of("s3:prefix", prefix + "state/"), why);
        String artifacts = artifactsBucket(site, project, env);
        allow(p, "s3:PutObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), why);
        allow(p, "s3:GetObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), why);
        allow(p, "kms:Decrypt", siteKey(site), iam.keyPolicies().get(siteKey(site)), why);
        allow(p, "kms:GenerateDataKey", siteKey(site), iam.keyPolicies().get(siteKey(site)), why);
        allow(p, "secretsmanager:GetSecretValue", secret(site, project), null, why);
        allow(p, "logs:CreateLogStream", logStream(site, project, env), null, why);
        allow(p, "logs:PutLogEvents", logStream(site, project, env), null, why);
        for (String otherEnv : environments.stream().filter(x -> !x.equals(env)).toList()) {
            deny(p, "logs:PutLogEvents", logStream(site, project, otherEnv), null, "finding 3: another environment's job logs");
            deny(p, "logs:CreateLogStream", logStream(site, project, otherEnv), null, "finding 3: another environment's job logs");
        }
    }

    /** The pipeline-made role, bounded by what its project's roles carry, still reaches its own project. */
    void ownProjectThroughTheBoundary(Principal p, String site, String project) {
        allow(p, "secretsmanager:GetSecretValue", secret(site, project), null, "own project through the boundary");
        allow(p, "s3:GetObject", "arn:aws:s3:::" + siteBucket(site) + "/" + dataPrefix(site, project, environments.get(0)) + "state/state.json",
                iam.bucketPolicies().get(siteBucket(site)), "own project through the boundary");
    }

    /** Trust policies: the trusted principal assumes; nobody passes a session tag naming a site. */
    void trust(String site, String other) {
        for (RenderedIam.Role role : iam.roles().values()) {
            if (!site.equals(role.tags().get(SITE_TAG))) {
                continue;
            }
            for (String trusted : trustedPrincipals(role)) {
                Principal caller = caller(trusted);
                Map<String, Object> spoof = Map.of("aws:RequestTag/" + SITE_TAG, other, "aws:TagKeys", List.of(SITE_TAG));
                deny(caller, "sts:TagSession", role.arn(), role.trust(), spoof, "finding 6: a session tag naming another site");
                Map<String, Object> project = Map.of("aws:RequestTag/" + PROJECT_TAG, "reports", "aws:TagKeys", List.of(PROJECT_TAG));
                deny(caller, "sts:TagSession", role.arn(), role.trust(), project, "finding 6: a session tag naming a project");
                if (trusted.equals("pods.eks.amazonaws.com")) {
                    Map<String, Object> podTags = new LinkedHashMap<>();
                    POD_IDENTITY_SESSION_TAGS.forEach(k -> podTags.put("aws:RequestTag/" + k, "x"));
                    podTags.put("aws:TagKeys", POD_IDENTITY_SESSION_TAGS);
                    allow(caller, "sts:AssumeRole", role.arn(), role.trust(), "own job: EKS Pod Identity assumes");
                    allow(caller, "sts:TagSession", role.arn(), role.trust(), podTags, "own job: EKS Pod Identity's session tags");
                } else if (trusted.startsWith("arn:aws:iam::")) {
                    allow(caller, "sts:AssumeRole", role.arn(), role.trust(), "own job: the group's principals assume");
                }
            }
        }
    }

    /** Resource policies by themselves: an account principal allowed everything, tagged with no site. */
    void resourcePoliciesAlone(String site) {
        Object everything = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")));
        Principal untagged = new Principal("untagged-account-principal", "arn:aws:iam::" + ACCOUNT + ":role/anyone",
                List.of(everything), null, Map.of());
        String why = "finding 6: the bucket policy itself keeps other principals out";
        deny(untagged, "s3:GetObject", "arn:aws:s3:::" + siteBucket(site) + "/projects/analytics/environments/prod/main/state/state.json",
                iam.bucketPolicies().get(siteBucket(site)), why);
        for (String[] pr : PROJECTS) {
            if (pr[0].equals(site)) {
                for (String env : environments) {
                    String artifacts = artifactsBucket(site, pr[1], env);
                    deny(untagged, "s3:GetObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), why);
                    deny(untagged, "s3:PutObject", "arn:aws:s3:::" + artifacts + "/run.log", iam.bucketPolicies().get(artifacts), why);
                }
            }
        }
    }

    /**
     * The site key by its own policy: the account's statement lets any IAM policy grant it, so
     * principals allowed {@code kms:*} by their own policies (no boundary) ask for it. Another
     * site's, an untagged one and a platform admin are denied its use; the admin still manages it;
     * a principal tagged with this site uses it.
     */
    void siteKey(String site, String other) {
        String key = siteKey(site);
        Object keyPolicy = iam.keyPolicies().get(key);
        Object kmsAll = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", "kms:*", "Resource", "*")));
        Principal otherSite = new Principal(other + "-role-allowed-kms-all", roleArn(other, "kms-everything"), List.of(kmsAll), null,
                Map.of(SITE_TAG, other));
        String why = "issue 21: another site's principal allowed kms:* by IAM";
        deny(otherSite, "kms:Decrypt", key, keyPolicy, why);
        deny(otherSite, "kms:GenerateDataKey", key, keyPolicy, why);
        deny(otherSite, "kms:ReEncryptFrom", key, keyPolicy, why);
        deny(otherSite, "kms:Decrypt", key, keyPolicy, Map.of("kms:ViaService", "s3." + region + ".amazonaws.com"),
                why + ", through S3 (SSE-KMS calls KMS as the caller)");
        deny(otherSite, "kms:Decrypt", key, keyPolicy, Map.of("kms:ViaService", "secretsmanager." + region + ".amazonaws.com"),
                why + ", through Secrets Manager");
        deny(otherSite, "kms:Decrypt", key, keyPolicy, Map.of("kms:EncryptionContext:SecretVersionId", "RequestToValidateKeyAccess"),
                why + ", with Secrets Manager's key-check context but not through Secrets Manager");
        Principal untagged = new Principal("untagged-role-allowed-kms-all", "arn:aws:iam::" + ACCOUNT + ":role/anyone-with-kms",
                List.of(kmsAll), null, Map.of());
        deny(untagged, "kms:Decrypt", key, keyPolicy, "issue 21: an untagged principal allowed kms:* by IAM");
        Principal own = new Principal(site + "-role-allowed-kms-all", roleArn(site, "kms-everything"), List.of(kmsAll), null,
                Map.of(SITE_TAG, site));
        allow(own, "kms:Decrypt", key, keyPolicy, "own job: a principal tagged with the site uses its key");
        allow(own, "kms:GenerateDataKey", key, keyPolicy, Map.of("kms:ViaService", "s3." + region + ".amazonaws.com"),
                "own job: a principal tagged with the site writes SSE-KMS objects");
        Object everything = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")));
        Principal admin = new Principal("platform-admin (AdministratorAccess)", platformAdmin(), List.of(everything), null, Map.of());
        for (String manage : List.of("kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:EnableKeyRotation", "kms:DescribeKey")) {
            allow(admin, manage, key, keyPolicy, "own job: a platform admin manages the key (never locked out)");
        }
        deny(admin, "kms:Decrypt", key, keyPolicy, "issue 21: a platform admin manages the key but never decrypts with it");
        deny(admin, "kms:GenerateDataKey", key, keyPolicy, "issue 21: a platform admin manages the key but never encrypts with it");
    }

    // ---- names and ARNs, read from the rendering

    /** The first platform admin, as the fabric's access entry names it. */
    String platformAdmin() {
        return fabricResource("aws:eks/accessEntry:AccessEntry", "admin-0", "principalArn");
    }

    List<String> trustedPrincipals(RenderedIam.Role role) {
        List<String> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) role.trust()).get("Statement");
        for (Map<String, Object> st : statements) {
            if (!"Allow".equals(st.get("Effect"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> principal = (Map<String, Object>) st.get("Principal");
            for (String kind : List.of("Service", "AWS")) {
                Object value = principal.get(kind);
                for (Object v : value instanceof List<?> l ? l : value == null ? List.of() : List.of(value)) {
                    out.add(String.valueOf(v));
                }
            }
        }
        return out.stream().distinct().toList();
    }

    Principal caller(String trusted) {
        if (!trusted.startsWith("arn:")) {
            return new Principal(trusted, trusted, List.of(), null, Map.of());
        }
        Object assume = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Action", List.of("sts:AssumeRole", "sts:TagSession"), "Resource", "*")));
        return new Principal(trusted.substring(trusted.lastIndexOf('/') + 1) + " (trusted caller)", trusted, List.of(assume), null, Map.of());
    }

    String siteBucket(String site) {
        return stackResource(site, "aws:s3/bucketV2:BucketV2", "site-data", r -> (String) r.inputs().get("bucket"));
    }

    String artifactsBucket(String site, String project, String env) {
        return stackResource(site + "." + project + "." + env, "aws:s3/bucketV2:BucketV2", "artifacts", r -> (String) r.inputs().get("bucket"));
    }

    String siteKey(String site) {
        return stackResource(site, "aws:kms/keyPolicy:KeyPolicy", "site-key-policy",
                r -> "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + r.inputs().get("keyId"));
    }

    String siteBoundary(String site) {
        return stackResource(site, "aws:iam/policy:Policy", "site-boundary",
                r -> "arn:aws:iam::" + ACCOUNT + ":policy" + r.inputs().get("path") + r.inputs().get("name"));
    }

    java.util.Optional<String> projectBoundary(String site, String project) {
        return layer(site + "." + project).resources().stream().filter(r -> r.type().equals("aws:iam/policy:Policy")).findFirst()
                .map(r -> "arn:aws:iam::" + ACCOUNT + ":policy" + r.inputs().get("path") + r.inputs().get("name"));
    }

    String secret(String site, String project) {
        String name = layer(site + "." + project).resources().stream().filter(r -> r.type().equals("aws:secretsmanager/secret:Secret"))
                .map(r -> (String) r.inputs().get("name")).findFirst().orElseThrow();
        return "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name + "-AbCdEf";
    }

    String repository(String site, String project) {
        return stackResource(site + "." + project, "aws:ecr/repository:Repository", "registry",
                r -> "arn:aws:ecr:" + region + ":" + ACCOUNT + ":repository/" + r.inputs().get("name"));
    }

    String association(String site, String project, String env) {
        return stackResource(site + "." + project + "." + env, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "pod-identity",
                r -> "arn:aws:eks:" + region + ":" + ACCOUNT + ":podidentityassociation/" + r.inputs().get("clusterName") + "/a-"
                        + Integer.toHexString((site + project + env).hashCode()));
    }

    String cluster() {
        return "arn:aws:eks:" + region + ":" + ACCOUNT + ":cluster/" + fabricResource("aws:eks/cluster:Cluster", "cluster", "name");
    }

    String logGroup() {
        return "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + fabricResource("aws:cloudwatch/logGroup:LogGroup", "job-logs", "name");
    }

    /** An environment's job log stream: the prefix its pods are given ({@code <site>/<project>/<environment>/<ref>/}) and a pod's name. */
    String logStream(String site, String project, String env) {
        String stack = site + "." + project + "." + env;
        String prefix = layer(stack).resources().stream().flatMap(r -> envValue(r.inputs(), MeltanoRuns.LOG_STREAM_PREFIX_VARIABLE).stream())
                .findFirst().orElseThrow(() -> new AssertionError("no pod of stack " + stack + " is given " + MeltanoRuns.LOG_STREAM_PREFIX_VARIABLE));
        return logGroup() + ":log-stream:" + prefix + "meltano-run-1";
    }

    /** The value of the first container env entry {@code name} anywhere in a resource's inputs. */
    static java.util.Optional<String> envValue(Object node, String name) {
        if (node instanceof Map<?, ?> map && name.equals(map.get("name")) && map.get("value") instanceof String value) {
            return java.util.Optional.of(value);
        }
        java.util.Collection<?> children = node instanceof Map<?, ?> map ? map.values() : node instanceof List<?> list ? list : List.of();
        return children.stream().flatMap(child -> envValue(child, name).stream()).findFirst();
    }

    /** An environment's prefix in the site bucket, {@code projects/<project>/environments/<environment>/<ref>/}, as its state URI names it. */
    String dataPrefix(String site, String project, String env) {
        String uri = (String) layer(site + "." + project + "." + env).outputs().get("stateBackendUri");
        String bucket = "s3://" + siteBucket(site) + "/";
        if (uri == null || !uri.startsWith(bucket) || !uri.endsWith("/state")) {
            throw new AssertionError("stack " + site + "." + project + "." + env + " exports stateBackendUri " + uri);
        }
        return uri.substring(bucket.length(), uri.length() - "state".length());
    }

    String roleArn(String site, String suffix) {
        return "arn:aws:iam::" + ACCOUNT + ":role/meltanodata/" + fabric + "/" + site + "/" + fabric + "-" + site + "-" + suffix;
    }

    Map<String, Object> tagging(String site, String project) {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("aws:RequestTag/" + SITE_TAG, site);
        tags.put("aws:RequestTag/" + PROJECT_TAG, project);
        tags.put("aws:TagKeys", List.of(SITE_TAG, PROJECT_TAG));
        return tags;
    }

    /** {@code aws:RequestTag/<k>} for each tag and {@code aws:TagKeys}: a create or tag request carrying them. */
    Map<String, Object> requestTags(Map<String, String> tags) {
        Map<String, Object> context = new LinkedHashMap<>();
        tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, v));
        context.put("aws:TagKeys", List.copyOf(new java.util.TreeSet<>(tags.keySet())));
        return context;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> associationTags(String site, String project, String env) {
        return stackResource(site + "." + project + "." + env, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "pod-identity",
                r -> (Map<String, String>) r.inputs().get("tags"));
    }

    Map<String, Object> resourceTags(String site, String project) {
        return new LinkedHashMap<>(Map.of("aws:ResourceTag/" + SITE_TAG, site, "aws:ResourceTag/" + PROJECT_TAG, project));
    }

    Map<String, Object> createRole(String boundary, String site, String project) {
        Map<String, Object> context = tagging(site, project);
        context.put("iam:PermissionsBoundary", boundary);
        return context;
    }

    String fabricResource(String type, String name, String input) {
        return stackResource(fabric, type, name, r -> (String) r.inputs().get(input));
    }

    <T> T stackResource(String stack, String type, String name, java.util.function.Function<RecordedResource, T> read) {
        return layer(stack).resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .map(read).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in stack " + stack));
    }

    Rendering layer(String stack) {
        return layers.stream().filter(r -> r.stack().equals(stack)).findFirst()
                .orElseThrow(() -> new AssertionError("no stack " + stack));
    }

    // ---- recording

    void deny(Principal p, String action, String resource, Object resourcePolicy, String why) {
        deny(p, action, resource, resourcePolicy, Map.of(), why);
    }

    void deny(Principal p, String action, String resource, Object resourcePolicy, Map<String, Object> context, String why) {
        requests.add(IamRequest.of(requests.size() + 1, p, action, resource, resourcePolicy, context, false, why));
    }

    void allow(Principal p, String action, String resource, Object resourcePolicy, String why) {
        allow(p, action, resource, resourcePolicy, Map.of(), why);
    }

    void allow(Principal p, String action, String resource, Object resourcePolicy, Map<String, Object> context, String why) {
        requests.add(IamRequest.of(requests.size() + 1, p, action, resource, resourcePolicy, context, true, why));
    }
}
