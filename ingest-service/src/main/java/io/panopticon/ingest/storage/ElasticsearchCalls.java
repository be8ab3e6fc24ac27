package io.panopticon.ingest.storage;

import java.io.IOException;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

/**
 * Sends requests with the low-level client and treats every non-2xx answer as a failure.
 * The 9.x {@link Rest5Client} throws {@link ResponseException} only for 5xx answers and
 * returns 4xx ones as ordinary responses, unlike the older {@code RestClient}.
 */
final class ElasticsearchCalls {

	private ElasticsearchCalls() {
	}

	/**
	 * Performs a request and returns its successful response.
	 * @param client the client
	 * @param request the request
	 * @return the response, with a 2xx status
	 * @throws ResponseException if Elasticsearch answered with any other status; its
	 * message holds the response body
	 * @throws IOException if Elasticsearch could not be reached
	 */
	static Response perform(Rest5Client client, Request request) throws IOException {
		Response response = client.performRequest(request);
		int status = response.getStatusCode();
		if (status < 200 || status >= 300) {
			throw new ResponseException(response);
		}
		return response;
	}

}
