package io.panopticon.alert.slo;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.panopticon.alert.alerting.Alert;
import io.panopticon.alert.alerting.AlertLifecycle;
import io.panopticon.alert.alerting.AlertStore;
import io.panopticon.alert.alerting.EvaluationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the SLOs that are due: claims them in PostgreSQL (so that each is evaluated
 * by one replica once per interval), reads their burn rates in one go, and for each SLO
 * records the outcome and queues its notifications in one transaction. A burn-rate alert
 * fires at the first evaluation where both of its windows exceed its factor; there is one
 * alert per SLO and severity (the fingerprint), and it resolves at the first evaluation
 * where no condition of its severity holds.
 */
public class SloEvaluator implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(SloEvaluator.class);

	private static final List<String> SEVERITIES = List.of("critical", "warning", "info");

	private final SloStore store;

	private final SloFigures figures;

	private final AlertLifecycle lifecycle;

	private final AlertStore alerts;

	private final TransactionTemplate transactions;

	private final EvaluationProperties properties;

	private final Clock clock;

	public SloEvaluator(SloStore store, SloFigures figures, AlertLifecycle lifecycle, AlertStore alerts,
			TransactionTemplate transactions, EvaluationProperties properties, Clock clock) {
		this.store = store;
		this.figures = figures;
		this.lifecycle = lifecycle;
		this.alerts = alerts;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run() {
		try {
			while (evaluateDue() == this.properties.batchSize()) {
				// A full batch: more may be due.
			}
		}
		catch (RuntimeException ex) {
			// The claimed SLOs come round again at the next interval.
			log.warn("SLO evaluation failed; trying again next turn: {}", ex.toString());
		}
	}

	/**
	 * Claims and evaluates one batch of due SLOs.
	 * @return how many SLOs were evaluated
	 */
	public int evaluateDue() {
		Instant now = this.clock.instant();
		List<Slo> due = this.store.claimDue(now, this.properties.interval(), this.properties.batchSize());
		if (due.isEmpty()) {
			return 0;
		}
		long start = System.nanoTime();
		Map<Long, BurnRates> rates = this.figures.burnRates(due, now);
		long read = System.nanoTime();
		Map<String, Alert> active = new HashMap<>();
		this.alerts.activeOfSlos(due.stream().map(Slo::id).toList())
			.forEach((alert) -> active.put(alert.fingerprint(), alert));
		for (Slo slo : due) {
			Map<String, BurnRates.Firing> firing = rates.get(slo.id()).firing(slo.burnRateAlerts());
			Set<String> changes = changes(slo, firing, active, now);
			// Most SLOs most of the time: nothing starts, repeats or resolves.
			if (!changes.isEmpty()) {
				this.transactions.executeWithoutResult((status) -> apply(slo, changes, firing, now));
			}
		}
		log.debug("Evaluated {} SLOs: {} ms reading burn rates, {} ms recording", due.size(),
				(read - start) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
		return due.size();
	}

	/**
	 * The severities of an SLO whose alert starts, is to be notified again, or resolves,
	 * judged from the alerts read before; the transaction checks again.
	 */
	private Set<String> changes(Slo slo, Map<String, BurnRates.Firing> firing, Map<String, Alert> active, Instant now) {
		Set<String> changes = new LinkedHashSet<>();
		for (String severity : SEVERITIES) {
			Alert alert = active.get(fingerprint(slo, severity));
			boolean holds = firing.containsKey(severity);
			if ((holds && (alert == null || this.lifecycle.repeatDue(alert, now))) || (!holds && alert != null)) {
				changes.add(severity);
			}
		}
		return changes;
	}

	private void apply(Slo slo, Set<String> severities, Map<String, BurnRates.Firing> firing, Instant now) {
		for (String severity : severities) {
			String fingerprint = fingerprint(slo, severity);
			BurnRates.Firing holding = firing.get(severity);
			if (holding != null) {
				this.lifecycle.holds(alert(slo, fingerprint, holding), slo.channels(), now);
			}
			else {
				this.lifecycle.ended(fingerprint, slo.channels(), now);
			}
		}
	}

	/**
	 * The fingerprint of an SLO's alerts of one severity.
	 * @param slo the SLO
	 * @param severity the severity
	 * @return for example {@code slo:7/severity=critical}
	 */
	static String fingerprint(Slo slo, String severity) {
		return "slo:" + slo.id() + "/severity=" + severity;
	}

	private static Alert alert(Slo slo, String fingerprint, BurnRates.Firing firing) {
		Map<String, String> labels = new LinkedHashMap<>(slo.labels());
		labels.put("severity", firing.severity());
		labels.put("indicator", slo.indicator());
		return new Alert(0, fingerprint, slo.name(), slo.serviceName(), slo.environment(), slo.id(), null, labels,
				Alert.FIRING, firing.severity(), null, null, firing.burnRate(), null, firing.window(), null, 0, null,
				null);
	}

}
