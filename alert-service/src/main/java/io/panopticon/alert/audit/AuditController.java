package io.panopticon.alert.audit;

import java.time.Instant;

import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import io.panopticon.alert.web.QueryParameters;
import io.panopticon.common.web.InvalidParameterException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit} (admin): the audit log, newest first. */
@RestController
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/audit")
	Page<AuditEntry> audit(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Instant start = QueryParameters.time("from", from);
		Instant end = QueryParameters.time("to", to);
		if (start != null && end != null && !start.isBefore(end)) {
			throw new InvalidParameterException("to", "must be after 'from'");
		}
		return this.log.find(new AuditQuery(QueryParameters.text(actor), QueryParameters.text(action), start, end,
				IdCursor.decode(cursor), IdCursor.limit(limit, 50, 1000)));
	}

}
