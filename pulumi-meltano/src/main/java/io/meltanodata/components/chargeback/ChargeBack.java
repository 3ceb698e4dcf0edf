package io.meltanodata.components.chargeback;

import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who pays for a resource: its layer and, where they apply, the site, project, environment
 * and git ref it belongs to. One value per stack; the {@link ChargeBackTransformation} writes
 * it into every resource of the stack.
 *
 * <p>The fabric is tagged {@code meltanodata:fabric} only; a site adds the site; a project adds
 * the project; an activated environment adds the environment and the (sanitised) git ref.
 */
public record ChargeBack(Layer layer, String fabric, Optional<String> site, Optional<String> project,
                         Optional<String> environment, Optional<String> gitRef, Optional<String> instance) {

    public static final String TAG_PREFIX = "meltanodata:";
    public static final String LABEL_PREFIX = "meltanodata.io/";
    private static final java.util.regex.Pattern LABEL_VALUE =
            java.util.regex.Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");

    public ChargeBack {
        requireFor(layer, Layer.SITE_INSTANCE, site, "site");
        requireFor(layer, Layer.HOSTED_PROJECT, project, "project");
        requireFor(layer, Layer.ACTIVATED_ENVIRONMENT, environment, "environment");
        requireFor(layer, Layer.ACTIVATED_ENVIRONMENT, gitRef, "gitRef");
    }

    public static ChargeBack fabric(String fabric) {
        return new ChargeBack(Layer.SERVICE_FABRIC, fabric, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ChargeBack site(String fabric, String site) {
        return new ChargeBack(Layer.SITE_INSTANCE, fabric, Optional.of(site), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ChargeBack project(String fabric, String site, String project) {
        return new ChargeBack(Layer.HOSTED_PROJECT, fabric, Optional.of(site), Optional.of(project),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ChargeBack environment(String fabric, String site, String project, String environment, String gitRef) {
        return new ChargeBack(Layer.ACTIVATED_ENVIRONMENT, fabric, Optional.of(site), Optional.of(project),
                Optional.of(environment), Optional.of(gitRef), Optional.empty());
    }

    /** An environment instance: {@code instance} (its stack name) tells apart two refs of one environment. */
    public ChargeBack withInstance(String stackName) {
        return new ChargeBack(layer, fabric, site, project, environment, gitRef, Optional.of(stackName));
    }

    /** AWS tags: {@code meltanodata:layer}, {@code meltanodata:fabric}, {@code meltanodata:site}, ... */
    public Map<String, String> tags() {
        return withPrefix(TAG_PREFIX);
    }

    /**
     * Kubernetes labels: {@code meltanodata.io/layer}, {@code meltanodata.io/site}, ... Every value
     * is a valid label value: kept as it is when it already is one, made one otherwise (with a hash,
     * so two values never become the same label).
     */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        withPrefix(LABEL_PREFIX).forEach((k, v) -> labels.put(k, labelValue(v)));
        return Map.copyOf(labels);
    }

    static String labelValue(String value) {
        return LABEL_VALUE.matcher(value).matches() ? value : Names.of(NameKind.LABEL_VALUE, value);
    }

    /** A git ref as a tag and label value: {@link GitRef#slug()} ({@code refs/heads/feature/x} -> {@code feature-x-<hash>}). */
    public static String sanitiseGitRef(String ref) {
        return GitRef.parse(ref).slug();
    }

    private Map<String, String> withPrefix(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(prefix + "layer", layer.slug());
        values.put(prefix + "fabric", fabric);
        site.ifPresent(v -> values.put(prefix + "site", v));
        project.ifPresent(v -> values.put(prefix + "project", v));
        environment.ifPresent(v -> values.put(prefix + "environment", v));
        gitRef.ifPresent(v -> values.put(prefix + "git-ref", sanitiseGitRef(v)));
        instance.ifPresent(v -> values.put(prefix + "instance", v));
        return Map.copyOf(values);
    }

    private static void requireFor(Layer actual, Layer from, Optional<String> value, String what) {
        if (actual.number() >= from.number() && value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required for layer " + actual.slug());
        }
    }
}
