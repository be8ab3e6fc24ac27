package io.panopticon.common.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginHeaderFilterTest {

	@Test
	void acceptsWhatBrowsersSend() {
		assertThat(OriginHeaderFilter.isOrigin("http://localhost:3000")).isTrue();
		assertThat(OriginHeaderFilter.isOrigin("https://dash.example.com")).isTrue();
		assertThat(OriginHeaderFilter.isOrigin("http://[::1]:8080")).isTrue();
		assertThat(OriginHeaderFilter.isOrigin("null")).isTrue();
	}

	@Test
	void refusesWhatIsNoOrigin() {
		assertThat(OriginHeaderFilter.isOrigin("http://a:b")).isFalse();
		assertThat(OriginHeaderFilter.isOrigin("localhost")).isFalse();
		assertThat(OriginHeaderFilter.isOrigin("")).isFalse();
		assertThat(OriginHeaderFilter.isOrigin("http://user@host")).isFalse();
		assertThat(OriginHeaderFilter.isOrigin("http://host/path")).isFalse();
		assertThat(OriginHeaderFilter.isOrigin("http://host?q")).isFalse();
	}

}
