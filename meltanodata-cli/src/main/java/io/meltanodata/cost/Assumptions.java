package io.meltanodata.cost;

/**
 * The usage figures a cost estimate needs and a preview cannot know, with documented defaults.
 *
 * @param averageRunMinutes how long one scheduled Meltano run takes on average
 * @param natGbPerGateway   GB processed per NAT gateway a month (taps pulling from the internet)
 * @param logGbPerGroup     GB ingested per log group a month
 * @param gbPerBucket       GB stored per bucket (state, artifacts, site data)
 * @param gbPerRegistry     GB of images per project registry
 */
public record Assumptions(double averageRunMinutes, double natGbPerGateway, double logGbPerGroup, double gbPerBucket,
                          double gbPerRegistry) {
    public static final double HOURS_PER_MONTH = 730;

    public static Assumptions defaults() {
        return new Assumptions(15, 50, 1, 5, 2);
    }
}
