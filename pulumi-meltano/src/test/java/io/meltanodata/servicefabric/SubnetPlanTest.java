package io.meltanodata.servicefabric;

import io.meltanodata.components.network.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetPlanTest {

    private static List<String> text(List<Ipv4Cidr> cidrs) {
        return cidrs.stream().map(Ipv4Cidr::toString).toList();
    }

    @Test
    void a16GivesLargePrivateAndSmallPublicSubnets() {
        SubnetPlan plan = SubnetPlan.of(Ipv4Cidr.parse("10.20.0.0/16").orElseThrow(), 3);
        assertEquals(List.of("10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"), text(plan.privateSubnets()));
        assertEquals(List.of("10.20.192.0/20", "10.20.208.0/20", "10.20.224.0/20"), text(plan.publicSubnets()));
    }

    @Test
    void a20WithTwoZones() {
        SubnetPlan plan = SubnetPlan.of(Ipv4Cidr.parse("172.16.16.0/20").orElseThrow(), 2);
        assertEquals(List.of("172.16.16.0/22", "172.16.20.0/22"), text(plan.privateSubnets()));
        assertEquals(List.of("172.16.28.0/24", "172.16.29.0/24"), text(plan.publicSubnets()));
    }

    @Test
    void cidrParsingIsStrict() {
        assertTrue(Ipv4Cidr.parse("10.0.0.0/16").isPresent());
        assertFalse(Ipv4Cidr.parse("10.0.0.1/16").isPresent(), "host bits set");
        assertFalse(Ipv4Cidr.parse("10.0.0.0/33").isPresent());
        assertFalse(Ipv4Cidr.parse("256.0.0.0/8").isPresent());
        assertFalse(Ipv4Cidr.parse("010.0.0.0/8").isPresent(), "leading zeros are ambiguous");
        assertFalse(Ipv4Cidr.parse("10.0.0.0").isPresent());
        assertTrue(Ipv4Cidr.parse("192.168.4.0/22").orElseThrow().isPrivate());
        assertFalse(Ipv4Cidr.parse("172.32.0.0/16").orElseThrow().isPrivate());
    }
}
