package io.panopticon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

	@TempDir
	Path folder;

	@Test
	void showsOnlyWhatARunWroteAfterItsStart() throws IOException {
		Path log = this.folder.resolve("console.log");
		Files.writeString(log, "first run: BindHttpException\n");
		long start = LogTail.size(log);
		Files.writeString(log, "second run started\nsecond run failed\n", StandardOpenOption.APPEND);

		assertThat(LogTail.of(log, start)).isEqualTo("second run started\nsecond run failed");
	}

	@Test
	void keepsTheLastFortyLinesAndCutsLongOnes() throws IOException {
		Path log = this.folder.resolve("console.log");
		String lines = IntStream.rangeClosed(1, 100).mapToObj((i) -> "line " + i).collect(Collectors.joining("\n"));
		Files.writeString(log, lines + "\n" + "x".repeat(1000) + "\n");

		String tail = LogTail.of(log, 0);

		assertThat(tail.split("\n")).hasSize(40).startsWith("line 62").endsWith("x".repeat(400) + " ...");
	}

	@Test
	void saysWhyThereIsNothingToShow() throws IOException {
		Path log = this.folder.resolve("console.log");

		assertThat(LogTail.size(log)).isZero();
		assertThat(LogTail.of(log, 0)).startsWith("(no log: ");
		Files.writeString(log, "");
		assertThat(LogTail.of(log, 0)).isEqualTo("(" + log + " is empty)");
	}

}
