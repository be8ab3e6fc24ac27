package io.panopticon.storage.bulk;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the per-item results of a {@code _bulk} response with a streaming parser
 * (responses of thousands of items are read without building a tree), classifying each as
 * created, already indexed, rejected or retryable.
 */
final class BulkResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BulkResponses() {
	}

	/**
	 * @param body the response body
	 * @param expected how many items the request held
	 * @return one outcome per item, in request order
	 * @throws IllegalStateException if the response does not hold exactly that many items
	 */
	static List<BulkOutcome> read(InputStream body, int expected) {
		List<BulkOutcome> outcomes = new ArrayList<>(expected);
		try (JsonParser parser = JSON.createParser(body)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				if ("items".equals(name)) {
					expect(parser.currentToken(), JsonToken.START_ARRAY);
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						parser.nextToken(); // the action name, e.g. "create"
						parser.nextToken();
						outcomes.add(item(parser));
						parser.nextToken(); // END_OBJECT of the item
					}
				}
				else {
					parser.skipChildren();
				}
			}
		}
		if (outcomes.size() != expected) {
			throw new IllegalStateException(
					"the bulk response holds " + outcomes.size() + " items for " + expected + " sent");
		}
		return outcomes;
	}

	private static BulkOutcome item(JsonParser parser) {
		int status = 0;
		String type = null;
		String reason = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("status".equals(name)) {
				status = parser.getIntValue();
			}
			else if ("error".equals(name) && value == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String field = parser.currentName();
					parser.nextToken();
					if ("type".equals(field)) {
						type = parser.getString();
					}
					else if ("reason".equals(field)) {
						reason = parser.getString();
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else {
				parser.skipChildren();
			}
		}
		return classify(status, type, reason);
	}

	static BulkOutcome classify(int status, String type, String reason) {
		if (status == 200 || status == 201) {
			return BulkOutcome.CREATED;
		}
		if (status == 409) {
			return BulkOutcome.ALREADY_INDEXED;
		}
		String text = (type != null ? type : "status " + status) + (reason != null ? ": " + reason : "");
		if (status == 429 || status >= 500) {
			return new BulkOutcome(BulkOutcome.Status.RETRYABLE, text);
		}
		return new BulkOutcome(BulkOutcome.Status.REJECTED, text);
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("unexpected bulk response: " + actual + " where " + expected + " belongs");
		}
	}

}
