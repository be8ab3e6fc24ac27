package io.panopticon.query.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.query.cache.ResultCache.Result;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ResultCacheTest {

	private static final Instant NOW = Instant.parse("2026-11-22T03:30:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private LettuceConnectionFactory factory;

	@AfterEach
	void close() {
		if (this.factory != null) {
			this.factory.destroy();
		}
	}

	@Test
	void aRangeIsClosedOnceTheGraceDelayAndTheRerollWindowHavePassed() {
		ResultCache cache = cache(new StringRedisTemplate());
		assertThat(cache.isClosed(NOW.minusSeconds(5 * 60 + 15))).isTrue();
		assertThat(cache.isClosed(NOW.minusSeconds(5 * 60 + 14))).isFalse();
		assertThat(cache.isClosed(NOW)).isFalse();
	}

	@Test
	void keysDependOnEveryParameterButNotOnTheirOrder() {
		ResultCache cache = cache(new StringRedisTemplate());
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("from", 1);
		one.put("to", 2);
		one.put("environment", null);
		Map<String, Object> reordered = new LinkedHashMap<>();
		reordered.put("to", 2);
		reordered.put("from", 1);
		assertThat(cache.key("services", one)).isEqualTo(cache.key("services", reordered))
			.startsWith("test:services:")
			.hasSize("test:services:".length() + 40);
		assertThat(cache.key("services", Map.of("from", 1, "to", 3))).isNotEqualTo(cache.key("services", one));
		assertThat(cache.key("endpoints", one)).isNotEqualTo(cache.key("services", one));
	}

	@Test
	void anOpenRangeIsComputedEveryTime() {
		AtomicInteger computed = new AtomicInteger();
		ResultCache cache = cache(new StringRedisTemplate());
		ResponseEntity<String> answer = cache.answer("services", NOW, Map.of(), String.class,
				() -> new Result<>("fresh " + computed.incrementAndGet(), "hours=0 minutes=0 raw-ms=1"));
		assertThat(answer.getBody()).isEqualTo("fresh 1");
		assertThat(answer.getHeaders().getFirst(ResultCache.CACHE_HEADER)).isEqualTo("BYPASS");
		assertThat(answer.getHeaders().getFirst(ResultCache.PLAN_HEADER)).isEqualTo("hours=0 minutes=0 raw-ms=1");
	}

	@Test
	void anUnreachableRedisNeverFailsAQueryAndIsLeftAloneForAWhile() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", closedPort);
		this.factory = new LettuceConnectionFactory(server,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(200)).build());
		this.factory.afterPropertiesSet();
		ResultCache cache = cache(new StringRedisTemplate(this.factory));
		Instant closed = NOW.minusSeconds(3600);
		ResponseEntity<String> first = cache.answer("services", closed, Map.of("from", 1), String.class,
				() -> new Result<>("computed", "plan"));
		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getBody()).isEqualTo("computed");
		assertThat(first.getHeaders().getFirst(ResultCache.CACHE_HEADER)).isEqualTo("MISS");
		ResponseEntity<String> second = cache.answer("services", closed, Map.of("from", 1), String.class,
				() -> new Result<>("computed again", "plan"));
		assertThat(second.getBody()).isEqualTo("computed again");
		assertThat(second.getHeaders().getFirst(ResultCache.CACHE_HEADER)).isEqualTo("BYPASS");
	}

	private static ResultCache cache(StringRedisTemplate redis) {
		return new ResultCache(redis, JsonMapper.builder().build(), "test:", Duration.ofSeconds(60),
				Duration.ofSeconds(5 * 60 + 15), CLOCK);
	}

}
