package io.panopticon.errorstream.stomp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StompFramesTest {

	@Test
	void messageFrameCarriesTheSubscriptionAndTheBodyLengthInBytes() {
		String body = "{\"message\":\"caf\u00e9\"}";
		assertThat(StompFrames.message("/topic/error-logs.orders", "sub-0", "s1-7", body, 18))
			.isEqualTo("MESSAGE\ndestination:/topic/error-logs.orders\nsubscription:sub-0\nmessage-id:s1-7\n"
					+ "content-type:application/json\ncontent-length:18\n\n" + body + "\0");
	}

	@Test
	void headerValuesAreEscaped() {
		assertThat(StompFrames.frame("ERROR", Map.of("message", "a:b\nc\\d\re")))
			.isEqualTo("ERROR\nmessage:a\\cb\\nc\\\\d\\re\n\n\0");
		assertThat(StompFrames.message("/topic/error-logs.a:b", "x", "y", "{}", 2))
			.startsWith("MESSAGE\ndestination:/topic/error-logs.a\\cb\n");
	}

	@Test
	void connectedFramesAreNotEscaped() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("version", "1.2");
		headers.put("user-name", "a:b");
		assertThat(StompFrames.frame("CONNECTED", headers)).isEqualTo("CONNECTED\nversion:1.2\nuser-name:a:b\n\n\0");
	}

	@Test
	void errorFrameHasATextBody() {
		assertThat(StompFrames.frame("ERROR", Map.of("message", "no"), "text/plain", "no \u00fc"))
			.isEqualTo("ERROR\nmessage:no\ncontent-type:text/plain\ncontent-length:5\n\nno \u00fc\0");
	}

}
