package io.panopticon.alert.notify;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import io.panopticon.common.security.Role;
import io.panopticon.common.web.NotFoundException;

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
 * {@code /api/channels} and {@code POST /api/webhooks}: viewers read, reporters create,
 * change and test, admins delete. Every change is in the audit log. Secrets are never
 * answered in full, except a generated webhook signing key once, on creation.
 */
@RestController
class ChannelController {

	private final ChannelStore channels;

	private final Channels creator;

	private final Outbox outbox;

	private final DeliveryWorker worker;

	private final AuditLog audit;

	private final Clock clock;

	ChannelController(ChannelStore channels, Channels creator, Outbox outbox, DeliveryWorker worker, AuditLog audit,
			Clock clock) {
		this.channels = channels;
		this.creator = creator;
		this.outbox = outbox;
		this.worker = worker;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/api/channels")
	Page<ChannelView> list(@RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		Page<Channel> page = this.channels.list(IdCursor.decode(cursor), IdCursor.limit(limit, 100, 1000));
		return new Page<>(page.items().stream().map(Channel::view).toList(), page.nextCursor());
	}

	@GetMapping("/api/channels/{id}")
	ChannelView get(@PathVariable long id) {
		return find(id).view();
	}

	@PostMapping("/api/channels")
	ResponseEntity<Map<String, Object>> create(@RequestBody ChannelRequest request, HttpServletRequest http) {
		return created(this.creator.create(request, false, Caller.of(http), ""));
	}

	/**
	 * Seed 000's name for creating a channel; the type is taken from the URL if not
	 * given.
	 */
	@PostMapping("/api/webhooks")
	ResponseEntity<Map<String, Object>> createWebhook(@RequestBody ChannelRequest request, HttpServletRequest http) {
		return created(this.creator.create(request, true, Caller.of(http), ""));
	}

	@PutMapping("/api/channels/{id}")
	ChannelView update(@PathVariable long id, @RequestBody ChannelRequest request, HttpServletRequest http) {
		ChannelSpec spec = ChannelInput.update(find(id), request);
		Channel channel = this.channels.update(id, spec).orElseThrow(() -> notFound(id));
		this.audit.record(Caller.of(http), "channel.update", target(channel), AuditLog.SUCCESS);
		return channel.view();
	}

	@DeleteMapping("/api/channels/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, HttpServletRequest http) {
		Caller caller = Caller.of(http);
		if (caller.role() != Role.ADMIN) {
			this.audit.record(caller, "channel.delete", "channel:" + id, AuditLog.FAILURE);
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "deleting a channel needs an admin token");
		}
		Channel channel = find(id);
		if (this.channels.delete(id)) {
			this.audit.record(caller, "channel.delete", target(channel), AuditLog.SUCCESS);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Sends a test message through the outbox at once and answers what came of the first
	 * attempt; a retry, if needed, follows as for any message.
	 */
	@PostMapping("/api/channels/{id}/test")
	Map<String, Object> test(@PathVariable long id, HttpServletRequest http) {
		Channel channel = find(id);
		AlertNotification notification = testNotification(channel);
		Outbox.Claimable queued = this.outbox.enqueueOne(notification, id, this.worker.lease())
			.orElseThrow(() -> notFound(id));
		this.audit.record(Caller.of(http), "channel.test", target(channel), AuditLog.SUCCESS);
		Optional<Attempt> attempt = this.worker.deliverNow(queued.id());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("deliveryId", queued.deliveryId().toString());
		answer.put("outcome", attempt.map(Attempt::outcome).orElse("pending"));
		attempt.map(Attempt::statusCode).ifPresent((status) -> answer.put("statusCode", status));
		attempt.map(Attempt::error).ifPresent((error) -> answer.put("error", error));
		return answer;
	}

	@GetMapping("/api/channels/{id}/deliveries")
	Page<DeliveryView> deliveries(@PathVariable long id, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		find(id);
		return this.outbox.attempts(id, IdCursor.decode(cursor), IdCursor.limit(limit, 50, 1000));
	}

	private ResponseEntity<Map<String, Object>> created(Channels.Created created) {
		ChannelView view = created.channel();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", view.id());
		body.put("type", view.type());
		body.put("name", view.name());
		putIfSet(body, "url", view.url());
		putIfSet(body, "recipients", view.type().equals(ChannelType.EMAIL.value()) ? view.recipients() : null);
		putIfSet(body, "smtp", view.smtp());
		// A generated key is shown this once, as an API key is.
		putIfSet(body, "signingSecret",
				(created.generatedSigningSecret() != null) ? created.generatedSigningSecret() : view.signingSecret());
		body.put("createdAt", view.createdAt());
		body.put("createdBy", view.createdBy());
		body.put("updatedAt", view.updatedAt());
		return ResponseEntity.created(URI.create("/api/channels/" + view.id())).body(body);
	}

	private AlertNotification testNotification(Channel channel) {
		return new AlertNotification("test-" + UUID.randomUUID(), "test:channel:" + channel.id(),
				"Test message for " + channel.name(), AlertNotification.FIRING, "info", null, null, null, null, null,
				null, null, this.clock.instant(), null, null, Map.of());
	}

	private Channel find(long id) {
		return this.channels.find(id).orElseThrow(() -> notFound(id));
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("no channel " + id);
	}

	static String target(Channel channel) {
		return "channel:" + channel.id() + " (" + channel.name() + ")";
	}

	private static void putIfSet(Map<String, Object> body, String name, Object value) {
		if (value != null) {
			body.put(name, value);
		}
	}

}
