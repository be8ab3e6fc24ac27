package io.panopticon.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OnceTest {

	@Test
	void computesOnceForConcurrentCallers() throws Exception {
		AtomicInteger starts = new AtomicInteger();
		CountDownLatch go = new CountDownLatch(1);
		Once<String> once = new Once<>("server", () -> {
			Thread.sleep(50);
			return "started-" + starts.incrementAndGet();
		});
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(executor.submit(() -> {
					go.await();
					return once.get();
				}));
			}
			go.countDown();
			for (Future<String> result : results) {
				assertThat(result.get()).isEqualTo("started-1");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(starts).hasValue(1);
	}

	@Test
	void remembersAFailureInsteadOfStartingAgain() {
		AtomicInteger starts = new AtomicInteger();
		Once<String> once = new Once<>("Elasticsearch", () -> {
			starts.incrementAndGet();
			throw new IllegalStateException("no zip");
		});

		assertThatIllegalStateException().isThrownBy(once::get).withMessage("no zip");
		assertThatIllegalStateException().isThrownBy(once::get)
			.withMessage("Elasticsearch failed to start earlier in this JVM: no zip");
		assertThat(starts).hasValue(1);
	}

	@Test
	void wrapsCheckedExceptions() {
		Once<String> once = new Once<>("Kafka", () -> {
			throw new java.io.IOException("disk full");
		});

		assertThatIllegalStateException().isThrownBy(once::get)
			.withMessageContaining("Could not start Kafka")
			.withRootCauseInstanceOf(java.io.IOException.class);
	}

}
