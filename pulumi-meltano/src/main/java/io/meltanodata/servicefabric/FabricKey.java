package io.meltanodata.servicefabric;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.KeyPolicies;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;

/**
 * The fabric's KMS key: envelope encryption of Kubernetes secrets and encryption of the alert
 * topic. Rotated yearly; the policy names the account (so IAM policies can delegate, which EKS
 * needs), the platform admins, and CloudWatch for publishing alarms to the encrypted topic.
 */
final class FabricKey {
    static final int DELETION_WINDOW_DAYS = 30;

    private final Key key;

    FabricKey(ServiceFabricConfig config, Output<String> accountId, Resource parent) {
        key = new Key("fabric-key", KeyArgs.builder()
                .description("MeltanoData fabric " + config.fabricName() + ": EKS secrets and alert topic")
                .enableKeyRotation(true)
                .deletionWindowInDays(DELETION_WINDOW_DAYS)
                .policy(accountId.applyValue(account -> policy(account, config.platformAdmins()).toJson()))
                .build(), CustomResourceOptions.builder().parent(parent).protect(true).build());
        new Alias("fabric-key-alias", AliasArgs.builder()
                .name("alias/" + Names.of(NameKind.KMS_ALIAS, "meltanodata", config.fabricName()))
                .targetKeyId(key.keyId())
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    static PolicyDocument policy(String accountId, List<String> platformAdmins) {
        return new PolicyDocument(KeyPolicies.administration(accountId, platformAdmins))
                .and(PolicyStatement.allow("kms:Decrypt", "kms:GenerateDataKey*")
                        .principal("Service", List.of("cloudwatch.amazonaws.com", "budgets.amazonaws.com"))
                        .on("*").when("StringEquals", "aws:SourceAccount", accountId).sid("AlarmsAndBudgetsToEncryptedTopic"));
    }

    Key key() {
        return key;
    }
}
