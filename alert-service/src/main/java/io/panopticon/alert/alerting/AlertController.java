package io.panopticon.alert.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import io.panopticon.alert.web.QueryParameters;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/alerts} (the active alerts), {@code GET /api/alerts/history} (every
 * alert, newest first, paged like {@code /api/audit}) and {@code POST
 * /api/alerts/{id}/ack} (reporter).
 */
@RestController
class AlertController {

	private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

	private static final Set<String> STATES = Set.of(Alert.PENDING, Alert.FIRING, Alert.RESOLVED);

	private final AlertStore store;

	private final AuditLog audit;

	private final Clock clock;

	AlertController(AlertStore store, AuditLog audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/api/alerts")
	Map<String, List<Alert>> active(@RequestParam(required = false) String service) {
		return Map.of("items", this.store.active(QueryParameters.text(service)));
	}

	@GetMapping("/api/alerts/history")
	Page<Alert> history(@RequestParam(required = false) String service, @RequestParam(required = false) Long slo,
			@RequestParam(required = false) Long rule, @RequestParam(required = false) String severity,
			@RequestParam(required = false) String state, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		String severityFilter = oneOf("severity", severity, SEVERITIES);
		String stateFilter = oneOf("state", state, STATES);
		Instant start = QueryParameters.time("from", from);
		Instant end = QueryParameters.time("to", to);
		if (start != null && end != null && !start.isBefore(end)) {
			throw new InvalidParameterException("to", "must be after 'from'");
		}
		return this.store.history(new AlertQuery(QueryParameters.text(service), slo, rule, severityFilter, stateFilter,
				start, end, IdCursor.decode(cursor), IdCursor.limit(limit, 50, 1000)));
	}

	@PostMapping("/api/alerts/{id}/ack")
	@Transactional
	Alert acknowledge(@PathVariable long id, HttpServletRequest http) {
		Alert alert = this.store.find(id).orElseThrow(() -> new NotFoundException("no alert " + id));
		if (Alert.RESOLVED.equals(alert.state())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "alert " + id + " is resolved already");
		}
		Caller caller = Caller.of(http);
		if (this.store.acknowledge(id, caller.subject(), this.clock.instant())) {
			this.audit.record(caller, "alert.ack", "alert:" + id + " (" + alert.fingerprint() + ")", AuditLog.SUCCESS);
		}
		return this.store.find(id).orElseThrow();
	}

	private static String oneOf(String name, String value, Set<String> allowed) {
		String given = QueryParameters.text(value);
		if (given != null && !allowed.contains(given)) {
			throw new InvalidParameterException(name,
					"must be one of " + String.join(", ", allowed.stream().sorted().toList()));
		}
		return given;
	}

}
