package io.meltanodata.lifecycle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one line taken from outputs the real Pulumi CLI printed in the real-engine suite. */
class PulumiErrorsTest {
    @Test
    void aProgramsOwnErrorComesBeforeTheLanguageHostsReportThatItExited() {
        String output = """
                Diagnostics:
                  pulumi:pulumi:Stack (meltanodata-site-instance-initech):
                    warning: using pulumi-language-java from $PATH at /tools/bin/pulumi-language-java
                    error: Pulumi.initech.yaml: config key 'meltanodata:nodePoolCpuLimit' has value 'lots'; allowed: a whole number from 2 to 4096
                    error: an unhandled error occurred: '/repo/deployments/02_site_instances/mvnw --no-transfer-progress compile exec:java' exited with non-zero exit code: 1

                    SEVERE: Pulumi.initech.yaml: config key 'meltanodata:nodePoolCpuLimit' has value 'lots'; allowed: a whole number from 2 to 4096

                Resources:
                    1 errored
                """;
        assertEquals("Pulumi.initech.yaml: config key 'meltanodata:nodePoolCpuLimit' has value 'lots'; allowed: a whole "
                + "number from 2 to 4096", PulumiErrors.firstError(output));
    }

    @Test
    void aMessageWrappedOverSeveralLinesIsJoinedAndTheGenericOneSkipped() {
        String output = """
                Diagnostics:
                  pulumi:pulumi:Stack (meltanodata-site-instance-globex):
                    error: preview failed

                  aws:kms:Key (site-key):
                    error: Preview failed: resource "urn:pulumi:globex::meltanodata-site-instance::aws:kms/key:Key::site-key" cannot be deleted
                    because it is protected. To unprotect the resource, use the command:
                    `pulumi state unprotect 'urn:pulumi:globex::meltanodata-site-instance::aws:kms/key:Key::site-key'`

                  aws:s3:BucketV2 (site-data):
                    error: Preview failed: resource "urn:pulumi:globex::meltanodata-site-instance::aws:s3/bucketV2:BucketV2::site-data" cannot be deleted

                Resources:
                    - 30 to delete
                """;
        assertEquals("Preview failed: resource \"urn:pulumi:globex::meltanodata-site-instance::aws:kms/key:Key::site-key\" "
                + "cannot be deleted because it is protected. To unprotect the resource, use the command: "
                + "`pulumi state unprotect 'urn:pulumi:globex::meltanodata-site-instance::aws:kms/key:Key::site-key'`",
                PulumiErrors.firstError(output));
    }

    @Test
    void aListOfErrorsGivesItsFirstItem() {
        assertEquals("the stack is currently locked by 1 lock(s)", PulumiErrors.firstError("""
                stderr: error: 1 error occurred:
                    * the stack is currently locked by 1 lock(s)
                    * another one
                """));
    }

    @Test
    void withoutAnyErrorTheLastLineIsTheMessage() {
        assertEquals("exit status 3", PulumiErrors.firstError("Updating (dev)\n\nexit status 3\n"));
        assertEquals("no output", PulumiErrors.firstError("\n"));
    }
}
