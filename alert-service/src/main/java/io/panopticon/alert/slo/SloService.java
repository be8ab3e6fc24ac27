package io.panopticon.alert.slo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.panopticon.alert.alerting.Alert;
import io.panopticon.alert.alerting.AlertLifecycle;
import io.panopticon.alert.alerting.AlertStore;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import io.panopticon.common.web.NotFoundException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing, deleting and reading SLOs, each change audited. */
@Service
class SloService {

	private final SloStore store;

	private final AlertStore alerts;

	private final AlertLifecycle lifecycle;

	private final SloFigures figures;

	private final AuditLog audit;

	private final SloChannels channels;

	private final Clock clock;

	SloService(SloStore store, AlertStore alerts, AlertLifecycle lifecycle, SloFigures figures, AuditLog audit,
			SloChannels channels, Clock clock) {
		this.store = store;
		this.channels = channels;
		this.alerts = alerts;
		this.lifecycle = lifecycle;
		this.figures = figures;
		this.audit = audit;
		this.clock = clock;
	}

	Page<Slo> list(String service, String cursor, Integer limit) {
		int size = IdCursor.limit(limit, 50, 1000);
		List<Slo> slos = this.store.list(service, IdCursor.decode(cursor), size);
		String next = (slos.size() == size) ? IdCursor.encode(slos.get(slos.size() - 1).id()) : null;
		return new Page<>(slos, next);
	}

	Slo get(long id) {
		return this.store.find(id).orElseThrow(() -> new NotFoundException("no SLO " + id));
	}

	/**
	 * Creates an SLO, and its inline channels in the same transaction.
	 */
	@Transactional
	Slo create(JsonNode body, Caller caller) {
		SloDefinition definition = SloInput.read(body, this.channels.resolver(caller));
		Slo slo = this.store.create(definition, caller.subject(), this.clock.instant());
		this.audit.record(caller, "slo.create", target(slo), AuditLog.SUCCESS);
		return slo;
	}

	/**
	 * Changes an SLO; inline channels are created in the same transaction.
	 */
	@Transactional
	Slo update(long id, JsonNode body, Caller caller) {
		get(id);
		SloDefinition definition = SloInput.read(body, this.channels.resolver(caller));
		if (!this.store.update(id, definition, this.clock.instant())) {
			throw new NotFoundException("no SLO " + id);
		}
		Slo slo = get(id);
		this.audit.record(caller, "slo.update", target(slo), AuditLog.SUCCESS);
		return slo;
	}

	/**
	 * Deletes an SLO; its alerts that fire are resolved (with their resolve message) and
	 * stay in the history.
	 */
	@Transactional
	void delete(long id, Caller caller) {
		Slo slo = get(id);
		Instant now = this.clock.instant();
		for (Alert alert : this.alerts.activeOfSlo(id)) {
			this.lifecycle.ended(alert.fingerprint(), slo.channels(), now);
		}
		this.store.delete(id);
		this.audit.record(caller, "slo.delete", target(slo), AuditLog.SUCCESS);
	}

	SloStatus status(long id) {
		Slo slo = get(id);
		Instant now = this.clock.instant();
		BurnRates rates = this.figures.burnRates(List.of(slo), now).get(slo.id());
		return SloStatus.of(slo, this.figures.hourlyEvents(slo, now), rates, now, this.alerts.activeOfSlo(id));
	}

	static String target(Slo slo) {
		return "slo:" + slo.id() + " (" + slo.name() + ")";
	}

}
