package io.panopticon.ingest.bench;

import org.junit.jupiter.api.Test;

import io.panopticon.ingest.bench.IngestProcess.ThreadKind;

import static org.assertj.core.api.Assertions.assertThat;

class IngestProcessTest {

	@Test
	void tellsThreadsByTheirNamesInProc() {
		assertThat(ThreadKind.of("C2 CompilerThre")).isEqualTo(ThreadKind.JIT);
		assertThat(ThreadKind.of("C1 CompilerThre")).isEqualTo(ThreadKind.JIT);
		assertThat(ThreadKind.of("VM Thread")).isEqualTo(ThreadKind.GC);
		assertThat(ThreadKind.of("GC Thread#0")).isEqualTo(ThreadKind.GC);
		assertThat(ThreadKind.of("ingest-spans-0-")).isEqualTo(ThreadKind.CONSUMERS);
		assertThat(ThreadKind.of("java")).isEqualTo(ThreadKind.MAIN);
		assertThat(ThreadKind.of("elasticsearch-r")).isEqualTo(ThreadKind.OTHER);
	}

}
