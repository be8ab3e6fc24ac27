package io.panopticon.alert.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of addresses, such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 *
 * @param network the block's address bytes (4 or 16)
 * @param prefix how many leading bits an address must share with it
 */
record Cidr(byte[] network, int prefix) {

	/**
	 * @param text {@code address/prefix}, or an address alone for that one address
	 * @return the block
	 * @throws IllegalArgumentException if the text is no block
	 */
	static Cidr parse(String text) {
		String trimmed = (text != null) ? text.trim() : "";
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
			// Only literals: a host name would be resolved here, once, by surprise.
			throw new IllegalArgumentException("'" + text + "' is not an address block");
		}
		byte[] bytes;
		try {
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an address block");
		}
		int prefix = bytes.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + text + "' has no prefix length after '/'");
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bytes.length * 8);
			}
		}
		return new Cidr(bytes, prefix);
	}

	/**
	 * @param address the address bytes (4 or 16)
	 * @return whether the address is in this block
	 */
	boolean contains(byte[] address) {
		if (address.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (address[full] & mask) == (this.network[full] & mask);
	}

}
