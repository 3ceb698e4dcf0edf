package io.meltanodata.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.siteinstances.SiteAlertSubscriptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What {@code bill alerts} sends SNS for an environment over its budget. Amazon SNS API Reference,
 * "Publish" (Subject: at most 100 printable ASCII characters; MessageAttributes),
 * https://docs.aws.amazon.com/sns/latest/api/API_Publish.html; Amazon SNS Developer Guide, "Amazon SNS
 * message attributes" (a name of letters, digits, '_', '-' and '.', not starting or ending with '.'; a
 * String attribute), https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html, and "Amazon SNS
 * message filtering" (a subscription's filter policy on the attributes decides whether it receives the
 * message), https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html.
 */
class AlertPublisherTest {
    static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:meltanodata-dev-alerts";

    @Test
    void eachAlertCarriesItsSiteAsTheAttributeTheSiteAdminsSubscriptionsFilterOn() throws Exception {
        BudgetAlert alert = BudgetAlert.evaluate(BudgetAlertTest.nineDays(100, 31, 81), List.of(BudgetAlertTest.OVER)).get(0);

        PublishRequest request = AlertPublisher.request(TOPIC, alert);

        assertEquals(TOPIC, request.topicArn());
        assertEquals("MeltanoData budget 80% actual: acme.analytics.dev.b", request.subject());
        assertEquals(alert.message(), request.message());
        assertEquals(Map.of("meltanodata.site", MessageAttributeValue.builder().dataType("String").stringValue("acme").build()),
                request.messageAttributes());
        // Layer 2's filter policy for acme's admins accepts exactly this attribute and value.
        @SuppressWarnings("unchecked")
        Map<String, List<String>> policy = new ObjectMapper().readValue(SiteAlertSubscriptions.filterPolicy("acme"), Map.class);
        assertEquals(Map.of("meltanodata.site", List.of("acme")), policy);
        assertEquals(request.messageAttributes().keySet(), policy.keySet());
    }

    @Test
    void theAttributeNameIsOneSnsAccepts() {
        assertEquals(true, SiteAlertSubscriptions.SITE_ATTRIBUTE.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}[A-Za-z0-9_-]")
                && !SiteAlertSubscriptions.SITE_ATTRIBUTE.contains("..")
                && !SiteAlertSubscriptions.SITE_ATTRIBUTE.toLowerCase(java.util.Locale.ROOT).startsWith("aws.")
                && !SiteAlertSubscriptions.SITE_ATTRIBUTE.toLowerCase(java.util.Locale.ROOT).startsWith("amazon."));
    }
}
