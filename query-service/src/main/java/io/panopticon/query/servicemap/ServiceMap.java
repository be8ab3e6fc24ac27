package io.panopticon.query.servicemap;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/service-map}.
 *
 * @param from the start of the range
 * @param to its end
 * @param nodes the services that served or made calls, and the uninstrumented peers they
 * called
 * @param edges the calls between them
 * @param partial whether the raw part of the range held more spans than are linked in one
 * answer, so that some calls of that part are missing
 */
public record ServiceMap(Instant from, Instant to, List<Node> nodes, List<Edge> edges, boolean partial) {

	/**
	 * A service.
	 *
	 * @param name the service name, or the peer name its callers use
	 * @param instrumented whether it sends spans itself; an uninstrumented peer (a
	 * database, an outside API) is known only from its callers' spans, and its figures
	 * are those of the calls made to it
	 * @param requests requests served (calls received, for a peer)
	 * @param errorRate the percentage of them that are errors, 0 to 100
	 * @param p95Latency their 95th percentile duration in milliseconds, {@code null}
	 * without requests
	 */
	public record Node(String name, boolean instrumented, long requests, double errorRate, Double p95Latency) {
	}

	/**
	 * Calls from one service to another.
	 *
	 * @param source the calling service
	 * @param target the called service or peer
	 * @param requests calls
	 * @param errorRate the percentage of calls that are errors, 0 to 100
	 * @param p95Latency their 95th percentile duration in milliseconds, as the caller
	 * measured it when it recorded the call
	 */
	public record Edge(String source, String target, long requests, double errorRate, Double p95Latency) {
	}

}
