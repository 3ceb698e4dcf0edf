package io.meltanodata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code meltanodata billing status} over an AWS CLI double that answers as Cost Explorer's
 * ListCostAllocationTags does (AWS Billing and Cost Management API Reference,
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ListCostAllocationTags.html):
 * a key never seen in billing data is not listed; a seen one is Inactive until activated.
 */
class BillingCommandTest {
    @TempDir
    Path dir;

    Path fakeAws(String answer, int exit) throws IOException {
        Path script = dir.resolve("aws");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args") + "\"\n"
                + "cat <<'JSON'\n" + answer + "\nJSON\n"
                + (exit == 0 ? "" : "echo 'An error occurred (AccessDeniedException) when calling the ListCostAllocationTags operation: "
                + "Linked account does not have access' >&2\n") + "exit " + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void saysWhichKeysAreActiveWhichToActivateNowAndWhichAwsHasNotSeen() throws IOException {
        Path aws = fakeAws("{\"CostAllocationTags\": [{\"TagKey\": \"meltanodata:site\", \"Type\": \"UserDefined\", \"Status\": \"Active\"},"
                + "{\"TagKey\": \"meltanodata:instance\", \"Type\": \"UserDefined\", \"Status\": \"Inactive\"},"
                + "{\"TagKey\": \"aws:eks:namespace\", \"Type\": \"AWSGenerated\", \"Status\": \"Inactive\"},"
                + "{\"TagKey\": \"team\", \"Type\": \"UserDefined\", \"Status\": \"Active\"},"
                + "{\"TagKey\": \"k8s_meltanodata.io_site\", \"Type\": \"UserDefined\", \"Status\": \"Inactive\"}]}", 0);
        InspectCommandTest.Run result = run("billing", "status", "--aws", aws.toString());

        assertEquals(ExitCodes.FINDINGS, result.exit(), result.err());
        assertTrue(result.out().contains("active:            meltanodata:site\n"), result.out());
        assertTrue(result.out().contains("seen, not active:  meltanodata:instance, aws:eks:namespace\n"), result.out());
        assertTrue(result.out().contains("not seen yet:      meltanodata:layer, meltanodata:fabric, meltanodata:project,"), result.out());
        assertTrue(result.out().contains("  meltanodata:costAllocationTags: [meltanodata:site, meltanodata:instance, aws:eks:namespace]\n"),
                result.out());
        assertTrue(result.out().contains("other MeltanoData keys AWS lists (not activated by the layers): k8s_meltanodata.io_site\n"),
                result.out());
        assertTrue(result.out().contains("split cost allocation data: no AWS API reports this opt-in."), result.out());
        assertEquals("ce list-cost-allocation-tags --region us-east-1 --output json\n", Files.readString(dir.resolve("args")));
    }

    @Test
    void everyKeyActiveIsExitZero() throws IOException {
        StringBuilder all = new StringBuilder("{\"CostAllocationTags\": [");
        for (String key : io.meltanodata.servicefabric.BillingConfig.chargeBackKeys()) {
            all.append("{\"TagKey\": \"").append(key).append("\", \"Status\": \"Active\"},");
        }
        all.setLength(all.length() - 1);
        InspectCommandTest.Run result = run("billing", "status", "--aws", fakeAws(all + "]}", 0).toString());
        assertEquals(ExitCodes.OK, result.exit(), result.out());
        assertTrue(result.out().contains("seen, not active:  -\n"), result.out());
    }

    @Test
    void aFailingAwsCliIsOneLineNamingWhatToDo() throws IOException {
        InspectCommandTest.Run result = run("billing", "status", "--aws", fakeAws("", 254).toString());
        assertEquals(ExitCodes.INVALID_INPUT, result.exit());
        assertEquals("error: aws ce list-cost-allocation-tags failed: An error occurred (AccessDeniedException) when calling the "
                + "ListCostAllocationTags operation: Linked account does not have access (run it with credentials of the paying "
                + "account, allowed ce:ListCostAllocationTags)\n", result.err());
    }
}
