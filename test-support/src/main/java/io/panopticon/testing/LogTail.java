package io.panopticon.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The end of a process's log file, for the messages of exceptions that say why a server
 * did not start.
 */
final class LogTail {

	private static final int LINES = 40;

	private static final int LINE_LIMIT = 400;

	/** Read at most this much from the end: logs of long runs can be large. */
	private static final int BYTE_LIMIT = 256 * 1024;

	private LogTail() {
	}

	/**
	 * The current size of a log file, to be passed to {@link #of(Path, long)} later so
	 * that only what a new run wrote is shown.
	 * @param file the log file
	 * @return its size, 0 when it does not exist
	 */
	static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * The last lines of {@code file} written after {@code from}, each cut at 400
	 * characters.
	 * @param file the log file
	 * @param from where the run of interest started writing
	 * @return the last 40 lines, or a note saying why there are none
	 */
	static String of(Path file, long from) {
		try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
			long start = Math.max(from, log.length() - BYTE_LIMIT);
			byte[] bytes = new byte[(int) Math.max(0, log.length() - start)];
			log.seek(start);
			log.readFully(bytes);
			String text = new String(bytes, StandardCharsets.UTF_8);
			if (text.isBlank()) {
				return "(" + file + " is empty)";
			}
			List<String> lines = Arrays.asList(text.split("\n"));
			return lines.subList(Math.max(0, lines.size() - LINES), lines.size())
				.stream()
				.map((line) -> (line.length() > LINE_LIMIT) ? line.substring(0, LINE_LIMIT) + " ..." : line)
				.collect(Collectors.joining("\n"));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

}
