package io.panopticon.ingest.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;

import io.panopticon.common.web.InvalidParameterException;

import org.springframework.http.HttpHeaders;

/**
 * Reads a receiver's request body: at most the configured size, gzip or deflate
 * decompressed, so that neither a large body nor a small body that inflates hugely can
 * exhaust the heap.
 */
public final class RequestBodies {

	private static final int CHUNK = 16 * 1024;

	private RequestBodies() {
	}

	/**
	 * Reads the whole body.
	 * @param request the request
	 * @param maxBytes the largest body accepted, compressed and decompressed
	 * @return the decompressed body
	 * @throws org.springframework.web.ErrorResponseException 413 when the body is too
	 * large, 415 for an unknown {@code Content-Encoding}
	 * @throws InvalidParameterException when the body cannot be read or decompressed
	 */
	public static byte[] read(HttpServletRequest request, int maxBytes) {
		long length = request.getContentLengthLong();
		if (length > maxBytes) {
			throw ReceiverProblems.tooLarge(maxBytes);
		}
		String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
		try (InputStream body = decoder(encoding, request.getInputStream())) {
			return readAtMost(body, maxBytes);
		}
		catch (ZipException ex) {
			throw new InvalidParameterException(HttpHeaders.CONTENT_ENCODING,
					"the body is not valid " + encoding + " data: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new InvalidParameterException("body", "the body could not be read completely: " + ex.getMessage());
		}
	}

	private static InputStream decoder(String encoding, InputStream body) throws IOException {
		String name = (encoding != null) ? encoding.trim().toLowerCase(Locale.ROOT) : "";
		return switch (name) {
			case "", "identity" -> body;
			case "gzip", "x-gzip" -> new GZIPInputStream(body, CHUNK);
			case "deflate" -> new InflaterInputStream(body);
			default -> throw ReceiverProblems
				.unsupported("Content-Encoding '" + encoding + "' is not supported; use gzip, deflate or none");
		};
	}

	static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, CHUNK));
		byte[] buffer = new byte[CHUNK];
		int read;
		while ((read = in.read(buffer)) != -1) {
			if (out.size() + read > maxBytes) {
				throw ReceiverProblems.tooLarge(maxBytes);
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

}
