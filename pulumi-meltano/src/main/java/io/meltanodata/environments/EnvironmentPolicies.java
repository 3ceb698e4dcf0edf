package io.meltanodata.environments;

import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

/**
 * The policy of an environment's Meltano pods: read and write this environment's prefix of the
 * site bucket (Meltano state) and its artifacts bucket, use the site key, read this project's
 * secrets, write its own job log streams. Nothing else; the project boundary caps it too.
 */
public final class EnvironmentPolicies {

    private EnvironmentPolicies() {
    }

    /**
     * @param siteBucketArn  the site's data bucket
     * @param dataPrefix     this environment's prefix in it ({@code projects/<p>/environments/<e>/<ref>/})
     * @param artifactsArn   this environment's artifacts bucket
     * @param secretsPattern {@code arn:aws:secretsmanager:...:secret:meltanodata/<fabric>/<site>/<project>/*}
     * @param jobLogStreams  this environment's streams of the job log group ({@code ...:log-stream:<site>/<project>/<env>/<ref>/*})
     */
    public static PolicyDocument workload(String siteBucketArn, String dataPrefix, String artifactsArn, String keyArn,
                                          String secretsPattern, String jobLogStreams) {
        return PolicyDocument.of(
                PolicyStatement.allow("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion")
                        .on(siteBucketArn + "/" + dataPrefix + "*").sid("EnvironmentState"),
                PolicyStatement.allow("s3:ListBucket").on(siteBucketArn)
                        .when("StringLike", "s3:prefix", java.util.List.of(dataPrefix, dataPrefix + "*"))
                        .sid("ListEnvironmentState"),
                PolicyStatement.allow("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket")
                        .on(artifactsArn, artifactsArn + "/*").sid("EnvironmentArtifacts"),
                PolicyStatement.allow("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey")
                        .on(keyArn).sid("SiteKey"),
                PolicyStatement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")
                        .on(secretsPattern).sid("ProjectSecrets"),
                PolicyStatement.allow("logs:CreateLogStream", "logs:PutLogEvents").on(jobLogStreams).sid("JobLogStreams"));
    }
}
