package io.meltanodata.billing;

import io.meltanodata.components.chargeback.ChargeBack;

import java.util.Locale;

/**
 * Where the charge-back tags and labels are found in a CUR 2.0 row: its {@code resource_tags} map
 * (AWS Data Exports User Guide, "Resource tags columns",
 * https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-resource-tags.html), whose keys
 * are the activated cost allocation tags. How a key is spelled there is not stated by any AWS page we
 * found (docs/cost.md, "The resource_tags keys: documented, and inferred"); inferred, as published CUR 2.0
 * queries spell them: {@code user_} for user-defined tags, lower case, every character other than a letter
 * or digit as {@code _}. So the AWS tag {@code meltanodata:site} is {@code user_meltanodata_site}, and the
 * pod label {@code meltanodata.io/site}, imported by split cost allocation data as a user-defined tag
 * ("Using Kubernetes labels for cost allocation in EKS"), is {@code user_meltanodata_io_site}.
 */
public final class CurTags {

    private CurTags() {
    }

    /** The resource_tags key of a user-defined tag or imported label key. */
    public static String key(String tagKey) {
        return "user_" + tagKey.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    /** The key of the charge-back tag {@code meltanodata:<name>} on AWS resources. */
    public static String tag(String name) {
        return key(ChargeBack.TAG_PREFIX + name);
    }

    /** The key of the charge-back label {@code meltanodata.io/<name>} on pods. */
    public static String label(String name) {
        return key(ChargeBack.LABEL_PREFIX + name);
    }

    /** SQL for the value of charge-back dimension {@code name} on a row: the pod's label, else the resource's tag. */
    static String sql(String name) {
        return "coalesce(resource_tags['" + label(name) + "'], resource_tags['" + tag(name) + "'])";
    }
}
