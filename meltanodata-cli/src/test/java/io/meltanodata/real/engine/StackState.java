package io.meltanodata.real.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A stack's resources as the engine recorded them ({@code pulumi stack export}). */
record StackState(List<JsonNode> resources) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StackState parse(String export) {
        try {
            JsonNode resources = JSON.readTree(export).at("/deployment/resources");
            List<JsonNode> all = new ArrayList<>();
            resources.forEach(all::add);
            return new StackState(List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The resources the program registered: all but the default providers the engine adds on
     * its own (the offline preview, under mocks, has none of those).
     */
    List<JsonNode> registered() {
        return resources.stream().filter(r -> !(r.path("type").asText().startsWith("pulumi:providers:")
                && urnName(r).startsWith("default"))).toList();
    }

    List<JsonNode> ofType(String type) {
        return resources.stream().filter(r -> r.path("type").asText().equals(type)).toList();
    }

    List<String> protectedUrns() {
        return resources.stream().filter(r -> r.path("protect").asBoolean()).map(r -> r.path("urn").asText()).toList();
    }

    static String urnName(JsonNode resource) {
        String urn = resource.path("urn").asText();
        return urn.substring(urn.lastIndexOf("::") + 2);
    }
}
