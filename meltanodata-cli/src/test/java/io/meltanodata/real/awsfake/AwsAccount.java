package io.meltanodata.real.awsfake;

import java.util.List;
import java.util.Map;

/**
 * Where the fake creates things: the account is the provider config's single
 * {@code allowedAccountIds} entry (what a careful deployer pins), else {@value #DEFAULT_ACCOUNT};
 * the region is the provider config's {@code region}.
 */
record AwsAccount(String account, String region) {
    static final String DEFAULT_ACCOUNT = "111122223333";

    static AwsAccount of(Map<String, Object> config) {
        Object region = config.get("region");
        if (!(region instanceof String r) || r.isBlank() || Structs.UNKNOWN.equals(r)) {
            throw new IllegalArgumentException("aws:region is not set: the fake AWS provider needs the region"
                    + " (pulumi config set aws:region eu-west-1)");
        }
        return new AwsAccount(account(config.get("allowedAccountIds")), r);
    }

    private static String account(Object allowed) {
        // Legacy config encoding sends lists as JSON text.
        if (allowed instanceof String text && text.startsWith("[")) {
            try {
                allowed = Structs.JSON.readValue(text, List.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("aws:allowedAccountIds is not a JSON list: " + text, e);
            }
        }
        if (allowed instanceof List<?> ids && ids.size() == 1) {
            return String.valueOf(ids.get(0));
        }
        return DEFAULT_ACCOUNT;
    }
}
