package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.billing.CurFixture;
import io.meltanodata.cli.MeltanoDataCli;
import io.meltanodata.siteinstances.SiteAlertSubscriptions;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code meltanodata bill} against moto's S3 with an {@code s3://} export laid out as Data Exports delivers it
 * ({@code <prefix>/<export>/data/BILLING_PERIOD=YYYY-MM/}), and {@code bill alerts} publishing to moto's SNS,
 * read back from SQS queues subscribed to the topic (Amazon SNS Developer Guide, "Fanout to Amazon SQS
 * queues", https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillS3IT {
    static final String REGION = "eu-west-1";
    static final String BUCKET = "meltanodata-dev-cur";

    @TempDir
    static Path work;

    MotoServer moto;
    AwsCli aws;
    CurFixture fixture = CurFixture.example();

    @BeforeAll
    void startMotoAndUpload() throws Exception {
        Path tools = RealTools.bin("meltano");
        moto = MotoServer.start(tools, work.resolve("moto.log"));
        aws = new AwsCli(tools, moto.endpoint(), REGION);
        fixture.write(work.resolve("export"));
        aws.run("s3api", "create-bucket", "--bucket", BUCKET, "--create-bucket-configuration", "LocationConstraint=" + REGION);
        aws.run("s3", "cp", "--recursive", work.resolve("export").toString(), "s3://" + BUCKET + "/exports/");
        // the SDK's default credential chain reads these system properties first
        System.setProperty("aws.accessKeyId", AwsCli.CREDENTIALS.get("AWS_ACCESS_KEY_ID"));
        System.setProperty("aws.secretAccessKey", AwsCli.CREDENTIALS.get("AWS_SECRET_ACCESS_KEY"));
    }

    @AfterAll
    void stopMoto() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (moto != null) {
            moto.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MeltanoDataCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void billsAnS3ExportToTheCent() throws Exception {
        Run bill = cli("bill", "--export", "s3://" + BUCKET + "/exports", "--endpoint-url", moto.endpoint(), "--region", REGION,
                "--month", "2026-11", "--format", "json");
        assertEquals(0, bill.exit(), bill.err());
        Map<String, Object> doc = new ObjectMapper().readValue(bill.out(), Map.class);
        assertEquals(Math.round(fixture.expectedTotal() * 100) / 100.0, doc.get("totalUsd"));
        List<Map<String, Object>> lines = (List<Map<String, Object>>) doc.get("lines");
        for (CurFixture.Env env : fixture.envs()) {
            Map<String, Object> line = lines.stream().filter(l -> env.ref().equals(l.get("ref"))).findFirst().orElseThrow();
            assertEquals(Math.round(fixture.expectedEnvironment(env) * 100) / 100.0, line.get("totalUsd"), env.ref());
        }
    }

    @Test
    void aPrefixWithoutParquetIsOneLine() {
        Run bill = cli("bill", "--export", "s3://" + BUCKET + "/nothing-here", "--endpoint-url", moto.endpoint(), "--region", REGION);
        assertEquals(1, bill.exit());
        assertEquals("error: --export has value 's3://" + BUCKET + "/nothing-here'; allowed: a prefix holding CUR 2.0 Parquet objects (none found)\n",
                bill.err());
    }

    /**
     * The operators' subscription (no filter) and acme's admins' (Layer 2's filter policy on the attribute
     * meltanodata.site) receive acme's alert; globex's admins' does not. Amazon SNS Developer Guide, "Amazon
     * SNS message filtering", https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html: moto's SNS
     * applies the filter policy, not our code.
     */
    @Test
    @SuppressWarnings("unchecked")
    void alertsReachTheOperatorsAndOnlyTheirSitesAdmins() throws Exception {
        String topic = (String) ((Map<String, Object>) aws.json("sns", "create-topic", "--name", "meltanodata-dev-alerts")).get("TopicArn");
        String operators = subscribedQueue(topic, "operators", null);
        String acmeAdmins = subscribedQueue(topic, "acme-admins", SiteAlertSubscriptions.filterPolicy("acme"));
        String globexAdmins = subscribedQueue(topic, "globex-admins", SiteAlertSubscriptions.filterPolicy("globex"));

        Run alerts = cli("bill", "alerts", "--export", "s3://" + BUCKET + "/exports", "--endpoint-url", moto.endpoint(), "--region", REGION,
                "--topic-arn", topic, "--root", RealTools.repositoryRoot().toString());
        assertEquals(0, alerts.exit(), alerts.err());
        assertTrue(alerts.out().endsWith("published 1 alerts to " + topic + "\n"), alerts.out());

        for (String queueUrl : List.of(operators, acmeAdmins)) {
            List<Map<String, Object>> messages = received(queueUrl, 5);
            assertEquals(1, messages.size(), queueUrl + ": " + messages);
            Map<String, Object> envelope = new ObjectMapper().readValue((String) messages.get(0).get("Body"), Map.class);
            assertEquals("MeltanoData budget 80% actual: acme.analytics.dev.feature-login-78f299f7", envelope.get("Subject"));
            assertTrue(((String) envelope.get("Message")).startsWith("acme.analytics.dev.feature-login-78f299f7 (acme.analytics.dev, ref "
                    + "feature-login-78f299f7): actual cost $48.80 in 2026-11 is 98% of its monthly budget of $50"), (String) envelope.get("Message"));
            assertEquals(Map.of("Type", "String", "Value", "acme"),
                    ((Map<String, Object>) envelope.get("MessageAttributes")).get("meltanodata.site"));
        }
        assertEquals(List.of(), received(globexAdmins, 2));
    }

    /** An SQS queue subscribed to the topic, with the filter policy given (none: every message). */
    @SuppressWarnings("unchecked")
    String subscribedQueue(String topic, String name, String filterPolicy) throws Exception {
        // this AWS CLI (v1) takes the SQS endpoint from --endpoint-url only, not from AWS_ENDPOINT_URL
        String queueUrl = (String) ((Map<String, Object>) aws.json("sqs", "create-queue", "--queue-name", name, "--endpoint-url", moto.endpoint())).get("QueueUrl");
        String queueArn = (String) ((Map<String, Object>) ((Map<String, Object>) aws.json("sqs", "get-queue-attributes", "--endpoint-url", moto.endpoint(), "--queue-url", queueUrl,
                "--attribute-names", "QueueArn")).get("Attributes")).get("QueueArn");
        if (filterPolicy == null) {
            aws.run("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn);
        } else {
            aws.run("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn, "--attributes",
                    new ObjectMapper().writeValueAsString(Map.of("FilterPolicy", filterPolicy, "FilterPolicyScope", "MessageAttributes")));
        }
        return queueUrl;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> received(String queueUrl, int waitSeconds) throws Exception {
        // the AWS CLI prints nothing when no message arrived
        String text = aws.run("sqs", "receive-message", "--endpoint-url", moto.endpoint(), "--queue-url", queueUrl,
                "--wait-time-seconds", String.valueOf(waitSeconds));
        Object received = text.isBlank() ? Map.of() : new ObjectMapper().readValue(text, Object.class);
        return received instanceof Map<?, ?> map && map.get("Messages") instanceof List<?> messages
                ? (List<Map<String, Object>>) messages : List.of();
    }
}
