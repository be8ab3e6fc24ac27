package io.panopticon.ingest.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the NDJSON body of a {@code _bulk} request that creates each item
 * ({@code op_type=create}, so a replayed document answers 409 instead of being
 * overwritten). Index names and ids are produced by Panopticon and contain no characters
 * that need JSON escaping; that is checked, not assumed.
 */
final class BulkBody {

	private BulkBody() {
	}

	static byte[] of(List<BulkItem> items) {
		int size = 0;
		for (BulkItem item : items) {
			size += item.bulkSize();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		for (BulkItem item : items) {
			out.writeBytes(ascii("{\"create\":{\"_index\":\"" + plain(item.index()) + "\",\"_id\":\"" + plain(item.id())
					+ "\"}}\n"));
			out.writeBytes(item.source());
			out.write('\n');
		}
		return out.toByteArray();
	}

	private static String plain(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
				throw new IllegalArgumentException("unexpected character in index name or id: " + value);
			}
		}
		return value;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
