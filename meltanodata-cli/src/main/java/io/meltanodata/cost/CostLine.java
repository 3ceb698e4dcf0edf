package io.meltanodata.cost;

/** One line of a bill: a resource, what it is charged for, how much of it, at what price. */
public record CostLine(String resourceType, String resourceName, String priceId, String unit, double quantity,
                       double unitPrice, double monthly, boolean compute) {
}
