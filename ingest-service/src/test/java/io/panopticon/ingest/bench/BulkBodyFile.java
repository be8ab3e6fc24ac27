package io.panopticon.ingest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.panopticon.storage.DocumentIds;
import io.panopticon.common.telemetry.Span;
import io.panopticon.ingest.storage.EndpointLimiter;
import io.panopticon.storage.SpanDocuments;

/**
 * The {@code _bulk} bodies of the direct loader, built once while the spans are loaded
 * into Kafka and kept in a file rather than on the heap (a million spans make about a
 * gigabyte of NDJSON). Each body creates its documents ({@code op_type=create}) with the
 * ingest service's own document writer, index names and ids, and stays under a byte
 * limit. Appending is single-threaded; reading is thread-safe.
 */
final class BulkBodyFile implements AutoCloseable {

	private final Path path;

	private final FileChannel channel;

	private final int maxBytes;

	private final List<Body> bodies = new ArrayList<>();

	private final ByteArrayOutputStream current;

	private int currentItems;

	private long written;

	private long documents;

	private BulkBodyFile(Path path, FileChannel channel, int maxBytes) {
		this.path = path;
		this.channel = channel;
		this.maxBytes = maxBytes;
		this.current = new ByteArrayOutputStream(maxBytes);
	}

	/**
	 * Creates an empty file.
	 * @param path where; replaced if it exists, deleted by {@link #close()}
	 * @param maxBytes the most bytes one body may have
	 * @return the file
	 * @throws IOException if the file cannot be created
	 */
	static BulkBodyFile create(Path path, int maxBytes) throws IOException {
		Files.createDirectories(path.toAbsolutePath().getParent());
		FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
		return new BulkBodyFile(path, channel, maxBytes);
	}

	/**
	 * Appends the create action and document of a span, starting a new body when the
	 * current one would grow past the limit.
	 * @param span the span
	 */
	void add(Span span) {
		byte[] action = ("{\"create\":{\"_index\":\"" + SpanDocuments.indexOf(span) + "\",\"_id\":\""
				+ DocumentIds.spanId(span) + "\"}}\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] source = SpanDocuments.span(span, SpanDocuments.endpointOf(span));
		int size = action.length + source.length + 1;
		if (this.currentItems > 0 && this.current.size() + size > this.maxBytes) {
			flush();
		}
		this.current.writeBytes(action);
		this.current.writeBytes(source);
		this.current.write('\n');
		this.currentItems++;
		this.documents++;
	}

	/** Writes out the last body; call once after the last {@link #add}. */
	void finish() {
		if (this.currentItems > 0) {
			flush();
		}
	}

	private void flush() {
		ByteBuffer buffer = ByteBuffer.wrap(this.current.toByteArray());
		int length = buffer.remaining();
		try {
			while (buffer.hasRemaining()) {
				this.channel.write(buffer, this.written + buffer.position());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.path, ex);
		}
		this.bodies.add(new Body(this.written, length, this.currentItems));
		this.written += length;
		this.current.reset();
		this.currentItems = 0;
	}

	List<Body> bodies() {
		return List.copyOf(this.bodies);
	}

	long documents() {
		return this.documents;
	}

	long bytes() {
		return this.written;
	}

	/**
	 * Reads one body back.
	 * @param body which
	 * @return its bytes
	 * @throws IOException if reading fails
	 */
	byte[] read(Body body) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(body.length());
		while (buffer.hasRemaining()) {
			if (this.channel.read(buffer, body.offset() + buffer.position()) < 0) {
				throw new IOException(this.path + " ends before byte " + (body.offset() + body.length()));
			}
		}
		return buffer.array();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
		Files.deleteIfExists(this.path);
	}

	/**
	 * Where one body is in the file.
	 *
	 * @param offset its first byte
	 * @param length its size in bytes
	 * @param items how many documents it creates
	 */
	record Body(long offset, int length, int items) {
	}

}
