package io.panopticon.alert.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which addresses outbound calls (notification webhooks) may reach. Loopback, link-local,
 * private, shared (carrier-grade NAT), unspecified, multicast and cloud-metadata
 * addresses are denied unless {@code panopticon.outbound.allowed-networks} holds them;
 * everything else is allowed. The decision is made on resolved addresses, and the caller
 * connects to exactly the addresses {@link #resolve} returned, so a name that resolves to
 * a public address when checked and to a private one a moment later (DNS rebinding) gains
 * nothing.
 */
@Component
public class OutboundPolicy {

	private static final List<Cidr> DENIED = blocks("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
			"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
			"240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
			// Cloud metadata services outside the ranges above: AWS's IPv6 one.
			"fd00:ec2::254/128");

	private final List<Cidr> allowed;

	private final Function<String, InetAddress[]> resolver;

	@Autowired
	OutboundPolicy(OutboundProperties properties) {
		this(properties.allowedNetworks(), OutboundPolicy::lookUp);
	}

	/**
	 * @param allowedNetworks CIDR blocks allowed although denied by default
	 * @param resolver resolves a host name to its addresses (the system resolver in
	 * service)
	 */
	public OutboundPolicy(List<String> allowedNetworks, Function<String, InetAddress[]> resolver) {
		this.allowed = allowedNetworks.stream().map(Cidr::parse).toList();
		this.resolver = resolver;
	}

	/**
	 * Resolves a host and keeps the addresses that may be reached.
	 * @param host a host name or address literal
	 * @return the allowed addresses, never empty
	 * @throws DeniedAddressException if the host resolves to no allowed address
	 * @throws UnknownHostException if it does not resolve
	 */
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.resolver.apply(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		List<InetAddress> allowedAddresses = new ArrayList<>();
		for (InetAddress address : addresses) {
			if (allows(address)) {
				allowedAddresses.add(address);
			}
		}
		if (allowedAddresses.isEmpty()) {
			throw new DeniedAddressException(host, addresses[0]);
		}
		return allowedAddresses.toArray(InetAddress[]::new);
	}

	/**
	 * @param address a resolved address
	 * @return whether calls may go there
	 */
	public boolean allows(InetAddress address) {
		byte[] bytes = comparable(address);
		for (Cidr block : this.allowed) {
			if (block.contains(bytes)) {
				return true;
			}
		}
		for (Cidr block : DENIED) {
			if (block.contains(bytes)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The IPv4 address inside an IPv4-mapped or IPv4-compatible IPv6 address (so that
	 * {@code ::ffff:127.0.0.1} counts as loopback), else the address itself.
	 */
	private static byte[] comparable(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address && bytes.length == 16) {
			boolean zeros = true;
			for (int i = 0; i < 10; i++) {
				zeros &= bytes[i] == 0;
			}
			boolean mapped = zeros && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
			boolean compatible = zeros && bytes[10] == 0 && bytes[11] == 0
					&& !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0);
			if (mapped || compatible) {
				return Arrays.copyOfRange(bytes, 12, 16);
			}
		}
		return bytes;
	}

	private static InetAddress[] lookUp(String host) {
		try {
			return InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return new InetAddress[0];
		}
	}

	private static List<Cidr> blocks(String... blocks) {
		return Arrays.stream(blocks).map(Cidr::parse).toList();
	}

	/** A host that resolves only to addresses the policy denies. */
	public static class DeniedAddressException extends UnknownHostException {

		DeniedAddressException(String host, InetAddress address) {
			super("the outbound address policy denies " + host + " (" + address.getHostAddress()
					+ "); panopticon.outbound.allowed-networks can allow it");
		}

	}

}
