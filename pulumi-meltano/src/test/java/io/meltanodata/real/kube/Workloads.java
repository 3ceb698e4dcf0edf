package io.meltanodata.real.kube;

import com.fasterxml.jackson.core.type.TypeReference;
import io.meltanodata.components.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The objects a site's rendered workloads lead to, as the controllers that kube-controller-manager
 * runs would create them (none runs here): a CronJob's Jobs, and the pods of a Job or Deployment.
 * Each is a fresh copy, so a case can break one thing in it.
 */
final class Workloads {
    private Workloads() {
    }

    /** A copy of the pod template of a rendered CronJob or Deployment: {@code {metadata, spec}}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> podTemplate(Manifest workload) {
        Map<String, Object> spec = (Map<String, Object>) workload.object().get("spec");
        Map<String, Object> template = switch (workload.kind()) {
            case "CronJob" -> (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate"))
                    .get("spec")).get("template");
            case "Deployment" -> (Map<String, Object>) spec.get("template");
            default -> throw new IllegalArgumentException("no pod template in " + workload.describe());
        };
        return copy(template);
    }

    /** The pod that {@code workload} would run, named {@code name}, with {@code change} applied to its spec. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> pod(Manifest workload, String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> template = podTemplate(workload);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) template.getOrDefault("metadata", Map.of()));
        metadata.put("name", name);
        metadata.put("namespace", workload.namespace());
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        change.accept(spec);
        return object("v1", "Pod", metadata, spec);
    }

    /** A Job from a CronJob's job template, as the CronJob controller (or {@code kubectl create job --from}) makes it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> job(Manifest cronJob, String name) {
        Map<String, Object> jobTemplate = copy((Map<String, Object>) ((Map<String, Object>) cronJob.object().get("spec")).get("jobTemplate"));
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) jobTemplate.getOrDefault("metadata", Map.of()));
        metadata.put("name", name);
        metadata.put("namespace", cronJob.namespace());
        return object("batch/v1", "Job", metadata, jobTemplate.get("spec"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstContainer(Map<String, Object> podSpec) {
        return ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> securityContext(Map<String, Object> container) {
        return (Map<String, Object>) container.computeIfAbsent("securityContext", k -> new LinkedHashMap<>());
    }

    static Map<String, Object> object(String apiVersion, String kind, Map<String, Object> metadata, Object spec) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        if (spec != null) {
            object.put("spec", spec);
        }
        return object;
    }

    static Map<String, Object> copy(Map<String, Object> value) {
        try {
            return Json.mapper().readValue(Json.write(value), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
