package io.meltanodata.policy;

import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.InputPath;
import io.meltanodata.preview.RecordedResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading a recorded resource's inputs for rules: paths, lists, and the IAM documents it carries. */
final class Inputs {
    /** Where each type keeps a policy document. */
    static final Map<String, String> POLICY_INPUTS = Map.of(
            "aws:iam/rolePolicy:RolePolicy", "policy",
            "aws:iam/policy:Policy", "policy",
            "aws:s3/bucketPolicy:BucketPolicy", "policy",
            "aws:kms/keyPolicy:KeyPolicy", "policy",
            "aws:sns/topicPolicy:TopicPolicy", "policy",
            "aws:iam/role:Role", "assumeRolePolicy");

    private Inputs() {
    }

    static Optional<Object> get(RecordedResource r, String path) {
        return InputPath.get(r.inputs(), path);
    }

    static List<?> list(RecordedResource r, String path) {
        return get(r, path).filter(List.class::isInstance).map(List.class::cast).orElse(List.of());
    }

    static boolean isTrue(RecordedResource r, String path) {
        return get(r, path).map(Boolean.TRUE::equals).orElse(false);
    }

    static String text(RecordedResource r, String path) {
        return get(r, path).map(String::valueOf).orElse("");
    }

    static boolean hasPolicy(RecordedResource r) {
        return POLICY_INPUTS.containsKey(r.type()) && get(r, POLICY_INPUTS.get(r.type())).isPresent();
    }

    static List<Map<String, Object>> statements(RecordedResource r) {
        return PolicyDocument.parse(text(r, POLICY_INPUTS.get(r.type())));
    }

    static List<?> asList(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }
}
