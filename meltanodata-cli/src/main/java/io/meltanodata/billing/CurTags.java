package io.meltanodata.billing;

import io.meltanodata.components.chargeback.ChargeBack;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the charge-back tags and labels are found in a CUR 2.0 row: its {@code resource_tags} map
 * (AWS Data Exports User Guide, "Resource tags columns",
 * https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-resource-tags.html), whose keys
 * are the activated cost allocation tags. How a key is spelled there is not stated by any AWS page we
 * found (docs/cost.md, "The resource_tags keys: documented, and inferred"); inferred, as published CUR 2.0
 * queries spell them: {@code user_} for user-defined tags, lower case, every character other than a letter
 * or digit as {@code _}. So the AWS tag {@code meltanodata:site} is {@code user_meltanodata_site}, and the
 * pod label {@code meltanodata.io/site}, imported by split cost allocation data as a user-defined tag
 * ("Using Kubernetes labels for cost allocation in EKS"), is {@code user_meltanodata_io_site}. The bill
 * takes whatever key of the export reduces to that ({@link #spellings}).
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
        return sql(name, Map.of());
    }

    /**
     * The same, with the keys as {@code spelled} in the export (see {@link #spellings}): the inferred
     * spelling when the export holds no other.
     */
    static String sql(String name, Map<String, String> spelled) {
        return "coalesce(resource_tags['" + quoted(spelled.getOrDefault(label(name), label(name))) + "'], resource_tags['"
                + quoted(spelled.getOrDefault(tag(name), tag(name))) + "'])";
    }

    /**
     * How the export spells each key, by the spelling {@link #key} infers: the spelling is not documented
     * (docs/cost.md), so a key the export writes otherwise ({@code user:meltanodata.io/site}, or the bare
     * {@code meltanodata.io/site}) is still found. A key spelled exactly as inferred wins over another that
     * reduces to it.
     */
    static Map<String, String> spellings(Collection<String> exportKeys) {
        Map<String, String> spelled = new HashMap<>();
        for (String exportKey : exportKeys) {
            String inferred = exportKey.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
            inferred = inferred.startsWith("user_") ? inferred : "user_" + inferred;
            if (exportKey.equals(inferred) || !spelled.containsKey(inferred)) {
                spelled.put(inferred, exportKey);
            }
        }
        return spelled;
    }

    private static String quoted(String key) {
        return key.replace("'", "''");
    }
}
