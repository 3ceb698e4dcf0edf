package io.meltanodata.siteinstances;

import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.Json;

import java.util.List;
import java.util.Map;

/**
 * The site's admins on the fabric's alert topic, by email, each receiving only the messages about
 * this site: those whose message attribute {@value #SITE_ATTRIBUTE} is the site's name. That is
 * what {@code meltanodata bill alerts} publishes for an environment over its budget, so the alerts
 * that see compute reach the people the site's and environments' AWS Budgets email. The operators'
 * subscriptions (Layer 1) have no filter and receive everything; an alarm or a Budget publishes no
 * such attribute, so the admins do not receive those from the topic (the Budgets email them directly).
 *
 * <p>Amazon SNS Developer Guide, "Amazon SNS message filtering" (a subscription with a filter policy
 * receives only the messages whose attributes satisfy it), "Amazon SNS subscription filter policy
 * scope" (MessageAttributes), "Filter policy constraints in Amazon SNS" (at most 200 filter
 * policies per topic by default, adjustable), and "Amazon SNS message attributes" (names of
 * letters, digits, '_', '-', '.'). Each address receives SNS's confirmation email once and gets
 * nothing until it confirms.
 */
public final class SiteAlertSubscriptions {
    /** The message attribute naming the site a message is about. */
    public static final String SITE_ATTRIBUTE = "meltanodata.site";

    private SiteAlertSubscriptions() {
    }

    /** The filter policy of a site admin's subscription: {@code {"meltanodata.site":["acme"]}}. */
    public static String filterPolicy(String site) {
        return Json.write(Map.of(SITE_ATTRIBUTE, List.of(site)));
    }

    static void create(String site, Output<String> alertTopicArn, List<String> admins, Resource parent) {
        for (String admin : admins) {
            new TopicSubscription("admin-alerts-" + admin, TopicSubscriptionArgs.builder()
                    .topic(alertTopicArn)
                    .protocol("email")
                    .endpoint(admin)
                    .filterPolicy(filterPolicy(site))
                    .filterPolicyScope("MessageAttributes")
                    .build(), CustomResourceOptions.builder().parent(parent).build());
        }
    }
}
