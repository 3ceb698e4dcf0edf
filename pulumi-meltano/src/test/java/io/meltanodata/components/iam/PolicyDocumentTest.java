package io.meltanodata.components.iam;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicyDocumentTest {

    @Test
    void rendersTheJsonAwsExpectsAndParsesBack() {
        String json = PolicyDocument.of(
                PolicyStatement.allow("s3:GetObject").on("arn:aws:s3:::b/p/*").sid("Read"),
                PolicyStatement.deny("s3:*").on("arn:aws:s3:::b", "arn:aws:s3:::b/*").principal("AWS", "*")
                        .when("Bool", "aws:SecureTransport", "false").sid("TlsOnly")).toJson();
        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::b/p/*\"]},"
                + "{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"s3:*\"],"
                + "\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}", json);
        List<Map<String, Object>> statements = PolicyDocument.parse(json);
        assertEquals(2, statements.size());
        assertEquals(List.of("arn:aws:s3:::b/p/*"), statements.get(0).get("Resource"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), statements.get(1).get("Condition"));
    }

    @Test
    void parseNormalisesSingleStringsToLists() {
        List<Map<String, Object>> s = PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}}");
        assertEquals(List.of("kms:Decrypt"), s.get(0).get("Action"));
        assertEquals(List.of("*"), s.get(0).get("Resource"));
    }
}
