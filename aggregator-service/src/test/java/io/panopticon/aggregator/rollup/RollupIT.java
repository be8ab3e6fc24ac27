package io.panopticon.aggregator.rollup;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the rollup integration tests share: the application against the test Elasticsearch
 * with scheduled passes and the lease off (a test runs each pass itself), the clock it
 * sets, and the helpers that write spans and read rollups. A subclass adds its own
 * aggregator settings with {@code @TestPropertySource}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "panopticon.aggregator.enabled=false", "panopticon.aggregator.lease.enabled=false" })
@RealServers({ RealServers.Server.ELASTICSEARCH })
@Import(RollupTestConfiguration.class)
abstract class RollupIT {

	@Autowired
	RollupWorker worker;

	@Autowired
	TestClock clock;

	@Autowired
	SpanFixtures spans;

	@Autowired
	RollupDocs docs;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

}
