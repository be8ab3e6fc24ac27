package io.panopticon.alert.outbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the service may send to ({@code panopticon.outbound.*}).
 *
 * @param allowedNetworks CIDR blocks (such as {@code 127.0.0.0/8} or {@code ::1/128})
 * that outbound calls may reach although the policy denies them by default: loopback,
 * link-local, private, shared and cloud-metadata addresses
 * ({@code PANOPTICON_OUTBOUND_ALLOWED_NETWORKS}, comma-separated)
 */
@ConfigurationProperties("panopticon.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedNetworks) {

	/**
	 * Checks the blocks.
	 * @throws IllegalArgumentException if one is no CIDR block
	 */
	public OutboundProperties {
		for (String network : allowedNetworks) {
			try {
				Cidr.parse(network);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"panopticon.outbound.allowed-networks: " + ex.getMessage() + " (for example 127.0.0.0/8)", ex);
			}
		}
	}

}
