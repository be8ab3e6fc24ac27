package io.panopticon.alert.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The Teams messages' Adaptive Cards parse without a single event with Microsoft's own
 * {@code adaptivecards} package (the version in {@code src/test/adaptive-card}), run with
 * Node. Skipped on a machine without Node and npm.
 */
class AdaptiveCardIT {

	private static final Path SOURCE = Path.of("src/test/adaptive-card");

	private static final Path WORK = Path.of("target/adaptive-card");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void install() throws Exception {
		assumeThat(run(List.of("npm", "--version"), Path.of("."), null).exitCode()).as("npm is installed").isZero();
		Files.createDirectories(WORK);
		for (String file : List.of("package.json", "package-lock.json", "check.js")) {
			Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(WORK.resolve("node_modules/adaptivecards"))) {
			Result installed = run(List.of("npm", "ci", "--no-audit", "--no-fund"), WORK, null);
			assertThat(installed.exitCode()).as(installed.output()).isZero();
		}
	}

	@Test
	void firingResolvedAndTestCardsParseWithoutEvents() throws Exception {
		for (AlertNotification notification : List.of(ChannelsIT.firing("a-1"),
				new AlertNotification("a-2", "rule:3", "p99 latency", "resolved", "warning", "checkout", null, null, 3L,
						null, 812.5, "5m", Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:20:00Z"),
						"https://p.example/alerts/a-2", Map.of()),
				new AlertNotification("test-1", "test", "Test message for ops", "firing", "info", null, null, null,
						null, null, null, null, Instant.now(), null, null, Map.of()))) {
			String message = JSON.writeValueAsString(TeamsMessage.of(notification));
			Result parsed = run(List.of("node", "check.js"), WORK, message);
			assertThat(parsed.exitCode()).as(parsed.output()).isZero();
			assertThat(parsed.output()).contains("\"version\":\"1.4\"").contains("\"events\":[]");
		}
	}

	@Test
	void theCheckFindsAMistake() throws Exception {
		String broken = """
				{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
				"content":{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlok","text":"x"}]}}]}""";
		Result parsed = run(List.of("node", "check.js"), WORK, broken);
		assertThat(parsed.exitCode()).as(parsed.output()).isEqualTo(1);
		assertThat(parsed.output()).contains("TextBlok");
	}

	private static Result run(List<String> command, Path directory, String input) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		try (var stdin = process.getOutputStream()) {
			if (input != null) {
				stdin.write(input.getBytes(StandardCharsets.UTF_8));
			}
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
