package io.meltanodata.cli;

import org.junit.jupiter.api.Test;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostCommandTest {
    static final String FABRIC = "../deployments/01_service_fabric/Pulumi.dev.yaml";

    @Test
    void billsAStackLineByLineAndSplitsByLayer() {
        InspectCommandTest.Run cost = run("cost", FABRIC, "--sites", "10", "--projects-per-site", "2");
        assertEquals(0, cost.exit(), cost.err());
        assertTrue(cost.out().contains("Layer 1 service-fabric dev: $193.15 a month"), cost.out());
        assertTrue(cost.out().contains("  cluster                                      hour             730.00    0.10000      73.00"), cost.out());
        // one platform node around the clock (decision 0007); the API's pods run on it at no extra cost
        assertTrue(cost.out().contains("  platform-node-pool                           node-hour        730.00    0.10752      78.49"), cost.out());
        assertTrue(cost.out().contains("  api                                          pod-hour        1460.00    0.00000       0.00"), cost.out());
        assertTrue(cost.out().contains("At 10 sites x 2 projects x 4 environments: $193.15 a month"), cost.out());
        assertTrue(cost.out().contains("fabric cost per project: $9.66"), cost.out());
    }

    /**
     * The example fleet (20 sites x 3 projects x 4 environments) and one ten times larger, against the
     * quotas AWS documents: IAM User Guide, "IAM and AWS STS quotas" (roles 1,000, customer managed
     * policies 1,500 per account); Amazon EKS User Guide, "Learn how EKS Pod Identity grants pods access to
     * AWS services" (5,000 associations per cluster) and "service quotas" (3,000 access entries per
     * cluster); AWS Cost Management User Guide, "Quotas and restrictions" (20,000 budgets); Amazon VPC
     * User Guide, "Amazon VPC quotas" (5 Elastic IPs per Region, 5 NAT gateways per Availability Zone).
     */
    @Test
    void saysWhichAccountQuotaTheFleetReachesFirstAndAtWhatSize() {
        InspectCommandTest.Run example = run("cost", "--root", "..");
        assertEquals(0, example.exit(), example.err());
        String table = example.out().substring(example.out().indexOf("AWS quotas at"));
        System.out.println(table);
        InspectCommandTest.Run larger = run("cost", "--root", "..", "--sites", "200");
        assertEquals(0, larger.exit(), larger.err());
        String largerTable = larger.out().substring(larger.out().indexOf("AWS quotas at"));
        System.out.println(largerTable);
        assertTrue(table.startsWith("AWS quotas at 20 sites x 3 projects x 4 environments"), table);
        assertTrue(table.contains("  IAM roles per account                          1000      384 yes        53 sites\n"), table);
        assertTrue(table.contains("  Pod Identity associations per cluster          5000      241 no         417 sites\n"), table);
        assertTrue(table.contains("  Managed policies attached to an IAM role         10        5 yes        fixed per role, does not grow\n"), table);
        assertTrue(table.contains("  first reached as sites grow: IAM roles per account (1000 by default) at 53 sites; adjustable in "
                + "Service Quotas\n"), table);
        // One filtered subscription of the fabric's alert topic per site admin (the example's site has one),
        // and the operators' one (Amazon SNS Developer Guide, "Filter policy constraints in Amazon SNS").
        assertTrue(table.contains("  Filter policies per topic                       200       21 yes        200 sites\n"), table);
        // Ten times the example: 3,804 roles, nearly four times the default, and one subscription past the
        // topic's 200 filter policies; every other quota still holds.
        assertTrue(largerTable.contains("  IAM roles per account                          1000     3804 yes        53 sites\n"), largerTable);
        assertTrue(largerTable.contains("  Filter policies per topic                       200      201 yes        200 sites\n"), largerTable);
        assertTrue(largerTable.contains("  Pod Identity associations per cluster          5000     2401 no         417 sites\n"), largerTable);
        // dev, the first fabric of the example, has one NAT gateway and so one Elastic IP: 5 fit one Region.
        assertTrue(table.contains("  Elastic IP addresses per Region                   5        1 yes        6 fabrics\n"), table);
    }

    @Test
    void aNonPositiveScaleIsAnInputError() {
        InspectCommandTest.Run cost = run("cost", FABRIC, "--sites", "0");
        assertEquals(ExitCodes.INVALID_INPUT, cost.exit());
        assertEquals("error: --sites, --projects-per-site, --envs-per-project and --run-minutes must be positive\n", cost.err());
    }
}
