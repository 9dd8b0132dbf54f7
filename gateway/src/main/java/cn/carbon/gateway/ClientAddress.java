package cn.carbon.gateway;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The caller's address for the anonymous rate limit. {@code X-Forwarded-For} is believed only when the peer is one of
 * the trusted proxies (the ingress, {@code carbon.gateway.trusted-proxies}); then the address is the right-most one
 * of the chain that is not itself a trusted proxy, so that a client cannot choose its own bucket by sending the
 * header. Without trusted proxies the peer's address is used.
 */
public final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String t : trustedProxies) {
            if (!t.isBlank()) {
                cidrs.add(Cidr.parse(t.strip()));
            }
        }
        this.trusted = List.copyOf(cidrs);
    }

    public String resolve(String peer, String forwardedFor) {
        if (peer == null || forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer == null ? "?" : peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!IP_LITERAL.matcher(hop).matches()) {
                return hop.isEmpty() ? peer : "unreadable:" + hop.hashCode();
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    boolean isTrusted(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    static byte[] bytes(String literal) {
        if (literal == null || !IP_LITERAL.matcher(literal).matches()) {
            return null; // never a DNS lookup
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] net = bytes(slash < 0 ? text : text.substring(0, slash));
            if (net == null) {
                throw new IllegalArgumentException("carbon.gateway.trusted-proxies: not an address or CIDR: " + text);
            }
            int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Cidr(net, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
