package io.meltanodata.real.kube;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.TopologyPreview;
import io.meltanodata.testing.ExampleProjects;
import io.meltanodata.testing.RepositoryCopy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Kubernetes objects of one fabric's cluster, rendered offline by the real layer programs:
 * the bundled example (fabric {@code dev}, sites {@code acme} and {@code globex}, project
 * {@code acme.analytics} with two environments) plus {@code globex.analytics} and its two
 * environments, so that both sites have namespaces. Every {@code kubernetes:*} resource whose
 * object carries the fabric's charge-back label becomes a {@link Manifest}.
 *
 * @param stacks    every rendered stack (all fabrics), for outputs
 * @param manifests the fabric's objects, in rendering order (layer by layer)
 */
record RenderedCluster(List<LayerRendering> stacks, List<Manifest> manifests) {
    static final String FABRIC = "dev";
    static final String FABRIC_LABEL = "meltanodata.io/fabric";

    static RenderedCluster render(Path repository, Path scratch) {
        return render(repository, scratch, repo -> {
        });
    }

    /** The same, with {@code change} made to the copy of the repository's stack files first (e.g. a site's config). */
    static RenderedCluster render(Path repository, Path scratch, Consumer<RepositoryCopy> change) {
        RepositoryCopy repo = RepositoryCopy.of(repository, scratch);
        ExampleProjects.add(repo, "globex", "analytics");
        change.accept(repo);
        TopologyPreview preview = new TopologyPreview(Layers.all());
        return of(preview.render(preview.exampleStackFiles(scratch)));
    }

    /** Fabric {@value #FABRIC}'s objects among rendered stacks (a generated fleet's, say). */
    static RenderedCluster of(List<LayerRendering> stacks) {
        List<Manifest> manifests = new ArrayList<>();
        for (LayerRendering stack : stacks) {
            for (RecordedResource resource : stack.rendering().resources()) {
                if (resource.type().startsWith("kubernetes:")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) Manifest.integral(resource.inputs());
                    Manifest manifest = new Manifest(stack.layer(), stack.rendering().stack(), resource.name(), object);
                    if (FABRIC.equals(manifest.label(FABRIC_LABEL))) {
                        manifests.add(manifest);
                    }
                }
            }
        }
        return new RenderedCluster(List.copyOf(stacks), List.copyOf(manifests));
    }

    /** A stack's outputs, e.g. site {@code acme}'s. */
    Map<String, Object> outputs(Layer layer, String stack) {
        return stacks.stream().filter(s -> s.layer() == layer && s.rendering().stack().equals(stack)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + layer + " stack " + stack)).rendering().outputs();
    }

    /** The built-in node pools fabric {@value #FABRIC}'s cluster enables ({@code computeConfig.nodePools} of its EKS cluster). */
    @SuppressWarnings("unchecked")
    List<String> builtInNodePools() {
        for (LayerRendering stack : stacks) {
            if (stack.layer() == Layer.SERVICE_FABRIC && stack.rendering().stack().equals(FABRIC)) {
                for (RecordedResource r : stack.rendering().resources()) {
                    if (r.type().equals("aws:eks/cluster:Cluster")) {
                        return (List<String>) ((Map<String, Object>) r.inputs().get("computeConfig")).get("nodePools");
                    }
                }
            }
        }
        throw new IllegalStateException("no aws:eks/cluster:Cluster rendered for fabric " + FABRIC);
    }

    /** The NodePool Layer 2 renders for {@code site}: the one whose nodes carry the site's label. */
    Manifest sitePool(String site) {
        return of("NodePool").stream()
                .filter(m -> site.equals(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) m.object().get("spec")).get("template"))
                        .get("metadata")).get("labels") instanceof Map<?, ?> l ? l.get(AutoModeNodes.SITE_KEY) : null))
                .findFirst().orElseThrow(() -> new IllegalStateException("no NodePool of site " + site));
    }

    /** The taint on the nodes of a site's NodePool. */
    @SuppressWarnings("unchecked")
    static Map<String, String> siteTaint(Manifest pool) {
        return ((List<Map<String, String>>) templateSpec(pool.object()).get("taints")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> templateSpec(Map<String, Object> nodePool) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) nodePool.get("spec")).get("template"))
                .get("spec");
    }

    List<String> sites() {
        return manifests.stream().filter(m -> m.layer() == Layer.SITE_INSTANCE).map(Manifest::site).distinct().toList();
    }

    List<Manifest> of(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** The environment namespaces of a site. */
    List<String> namespaces(String site) {
        return of("Namespace").stream().filter(m -> m.layer() == Layer.ACTIVATED_ENVIRONMENT && m.site().equals(site))
                .map(Manifest::name).toList();
    }

    /** The Kubernetes groups of a site's people, by site group name (the site's {@code groups} output). */
    @SuppressWarnings("unchecked")
    Map<String, String> groups(String site) {
        Map<String, String> groups = new LinkedHashMap<>();
        ((Map<String, Object>) outputs(Layer.SITE_INSTANCE, site).get("groups")).forEach((name, group) ->
                groups.put(name, String.valueOf(((Map<String, Object>) group).get("kubernetesGroup"))));
        return groups;
    }

    /** The ClusterRole a RoleBinding in {@code namespace} grants {@code group}, or empty. */
    @SuppressWarnings("unchecked")
    String roleOf(String group, String namespace) {
        return of("RoleBinding").stream().filter(m -> m.namespace().equals(namespace))
                .filter(m -> ((List<Map<String, Object>>) m.object().getOrDefault("subjects", List.of())).stream()
                        .anyMatch(s -> group.equals(s.get("name"))))
                .map(m -> String.valueOf(((Map<String, Object>) m.object().get("roleRef")).get("name")))
                .findFirst().orElse("");
    }
}
