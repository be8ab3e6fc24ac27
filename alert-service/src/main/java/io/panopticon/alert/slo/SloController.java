package io.panopticon.alert.slo;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.Page;
import io.panopticon.common.security.Role;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/slo}: viewers read, reporters create and edit (the security filter's rule
 * for writes), admins delete.
 */
@RestController
class SloController {

	private final SloService slos;

	private final AuditLog audit;

	SloController(SloService slos, AuditLog audit) {
		this.slos = slos;
		this.audit = audit;
	}

	@GetMapping("/api/slo")
	Page<Slo> list(@RequestParam(required = false) String service, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return this.slos.list((service == null || service.isBlank()) ? null : service.strip(), cursor, limit);
	}

	@PostMapping("/api/slo")
	ResponseEntity<Slo> create(@RequestBody JsonNode body, HttpServletRequest http) {
		Slo slo = this.slos.create(body, Caller.of(http));
		return ResponseEntity.created(URI.create("/api/slo/" + slo.id())).body(slo);
	}

	@GetMapping("/api/slo/{id}")
	Slo get(@PathVariable long id) {
		return this.slos.get(id);
	}

	@PutMapping("/api/slo/{id}")
	Slo update(@PathVariable long id, @RequestBody JsonNode body, HttpServletRequest http) {
		return this.slos.update(id, body, Caller.of(http));
	}

	@DeleteMapping("/api/slo/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, HttpServletRequest http) {
		Caller caller = Caller.of(http);
		if (caller.role() != Role.ADMIN) {
			this.audit.record(caller, "slo.delete", "slo:" + id, AuditLog.FAILURE);
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "deleting an SLO needs the admin role");
		}
		this.slos.delete(id, caller);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/slo/{id}/status")
	SloStatus status(@PathVariable long id) {
		return this.slos.status(id);
	}

}
