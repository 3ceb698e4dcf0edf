package io.meltanodata.servicefabric;

/** How many NAT gateways the fabric runs. */
public enum NatMode {
    /** One per availability zone: an AZ outage does not cut the others' egress (production). */
    PER_AZ("perAz"),
    /** One shared by all AZs: about a third of the NAT cost, but egress depends on one AZ (dev). */
    SINGLE("single");

    private final String spelling;

    NatMode(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
