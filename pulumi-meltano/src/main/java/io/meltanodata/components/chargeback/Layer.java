package io.meltanodata.components.chargeback;

/** The four layers of MeltanoData, as they appear in tags, labels and stack names. */
public enum Layer {
    SERVICE_FABRIC(1, "service-fabric"),
    SITE_INSTANCE(2, "site-instance"),
    HOSTED_PROJECT(3, "hosted-project"),
    ACTIVATED_ENVIRONMENT(4, "activated-environment");

    private final int number;
    private final String slug;

    Layer(int number, String slug) {
        this.number = number;
        this.slug = slug;
    }

    public int number() {
        return number;
    }

    /** The value of the {@code meltanodata:layer} tag and {@code meltanodata.io/layer} label. */
    public String slug() {
        return slug;
    }
}
