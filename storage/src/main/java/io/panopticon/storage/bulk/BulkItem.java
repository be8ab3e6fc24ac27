package io.panopticon.storage.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * One document to create in Elasticsearch. The document is written only once, straight
 * into the body of the request that sends it, so an item does not hold its bytes.
 *
 * @param index the concrete index name
 * @param id the content-derived document id
 * @param source writes the document as UTF-8 JSON, on one line, to the stream it is given
 */
public record BulkItem(String index, String id, Consumer<OutputStream> source) {

	/**
	 * An item whose document is already written.
	 * @param index the concrete index name
	 * @param id the document id
	 * @param json the document as UTF-8 JSON, on one line
	 * @return the item
	 */
	public static BulkItem of(String index, String id, byte[] json) {
		return new BulkItem(index, id, (out) -> {
			try {
				out.write(json);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}
