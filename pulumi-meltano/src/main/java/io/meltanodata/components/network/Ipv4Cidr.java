package io.meltanodata.components.network;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block whose address is its network address ({@code 10.20.0.0/16}). */
public record Ipv4Cidr(long network, int prefix) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32 || (network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("not a network address: " + network + "/" + prefix);
        }
    }

    /** Parses text; empty when it is not an aligned IPv4 CIDR (so callers can word their own error). */
    public static Optional<Ipv4Cidr> parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (address & ~mask(prefix)) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(address, prefix));
    }

    /** The {@code index}-th block of {@code newPrefix} inside this one. */
    public Ipv4Cidr subnet(int newPrefix, int index) {
        if (newPrefix < prefix || newPrefix > 32 || index < 0 || index >= (1L << (newPrefix - prefix))) {
            throw new IllegalArgumentException("no subnet /" + newPrefix + " #" + index + " in " + this);
        }
        return new Ipv4Cidr(network + ((long) index << (32 - newPrefix)), newPrefix);
    }

    /** Whether the two blocks share an address. */
    public boolean overlaps(Ipv4Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    public boolean isPrivate() {
        return within("10.0.0.0/8") || within("172.16.0.0/12") || within("192.168.0.0/16");
    }

    private boolean within(String block) {
        Ipv4Cidr outer = parse(block).orElseThrow();
        return prefix >= outer.prefix && (network & mask(outer.prefix)) == outer.network;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
