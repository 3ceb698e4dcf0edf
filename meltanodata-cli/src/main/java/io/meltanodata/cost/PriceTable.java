package io.meltanodata.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltanodata.components.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AWS list prices kept as data in the repository ({@code prices-us-east-1.json}): each with its
 * unit, the pricing page it comes from and the date it was taken. Validated when loaded.
 */
public final class PriceTable {
    static final Set<String> UNITS = Set.of("hour", "month", "GB", "GB-month", "ratio");

    /** One price: what it is, per what, in USD, and where and when it was read. */
    public record Price(String id, String description, String unit, double usd, String source, String asOf,
                        boolean verified) {
    }

    private final String region;
    private final Map<String, Price> prices;

    private PriceTable(String region, Map<String, Price> prices) {
        this.region = region;
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable usEast1() {
        return load("prices-us-east-1.json");
    }

    static PriceTable load(String resource) {
        try (InputStream in = PriceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("price table " + resource + " is not on the classpath");
            }
            JsonNode root = Json.mapper().readTree(in);
            Map<String, Price> prices = new LinkedHashMap<>();
            for (JsonNode p : root.path("prices")) {
                Price price = new Price(p.path("id").asText(), p.path("description").asText(), p.path("unit").asText(),
                        p.path("usd").asDouble(-1), p.path("source").asText(), p.path("asOf").asText(),
                        p.path("verified").asBoolean(false));
                if (!UNITS.contains(price.unit()) || price.usd() < 0 || !price.source().startsWith("https://")
                        || !price.asOf().matches("\\d{4}-\\d{2}-\\d{2}") || prices.put(price.id(), price) != null) {
                    throw new IllegalStateException(resource + ": invalid or duplicate price " + p);
                }
            }
            return new PriceTable(root.path("region").asText(), prices);
        } catch (IOException e) {
            throw new IllegalStateException("price table " + resource + " is not readable JSON", e);
        }
    }

    public Price price(String id) {
        Price price = prices.get(id);
        if (price == null) {
            throw new IllegalStateException("no price '" + id + "' in the " + region + " table");
        }
        return price;
    }

    public String region() {
        return region;
    }
}
