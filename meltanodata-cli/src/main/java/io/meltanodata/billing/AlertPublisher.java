package io.meltanodata.billing;

import io.meltanodata.components.UserInputException;
import io.meltanodata.siteinstances.SiteAlertSubscriptions;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.List;
import java.util.Map;

/**
 * Publishes budget alerts to the fabric's alert topic, the one the environments' AWS Budgets notify:
 * the operators' subscriptions receive every alert, and each site admin's (Layer 2,
 * {@link SiteAlertSubscriptions}) those whose message attribute {@value SiteAlertSubscriptions#SITE_ATTRIBUTE}
 * names their site (Amazon SNS API Reference, "Publish": a subject of at most 100 printable ASCII
 * characters, MessageAttributes, https://docs.aws.amazon.com/sns/latest/api/API_Publish.html).
 */
public final class AlertPublisher {
    private final AwsClients aws;

    public AlertPublisher(AwsClients aws) {
        this.aws = aws;
    }

    /** Refuses what is not a topic ARN, before any work. */
    public static void check(String topicArn) {
        if (!topicArn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}")) {
            throw new UserInputException("--topic-arn has value '" + topicArn + "'; allowed: an SNS topic ARN, arn:aws:sns:<region>:<account>:<name>");
        }
    }

    /** The Publish request of one alert: its subject, its message, and its site as a String message attribute. */
    static PublishRequest request(String topicArn, BudgetAlert alert) {
        return PublishRequest.builder().topicArn(topicArn).subject(alert.subject()).message(alert.message())
                .messageAttributes(Map.of(SiteAlertSubscriptions.SITE_ATTRIBUTE,
                        MessageAttributeValue.builder().dataType("String").stringValue(alert.budget().site()).build()))
                .build();
    }

    /** The message ids SNS gave, one per alert. */
    public List<String> publish(String topicArn, List<BudgetAlert> alerts) {
        check(topicArn);
        try (SnsClient sns = aws.sns()) {
            return alerts.stream().map(alert -> sns.publish(request(topicArn, alert)).messageId()).toList();
        } catch (SdkException e) {
            throw new UserInputException("--topic-arn has value '" + topicArn + "'; SNS refused to publish: " + e.getMessage());
        }
    }
}
