package io.panopticon.alert.notify;

import java.util.Optional;

import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.web.InvalidParameterException;

import org.springframework.stereotype.Service;

/**
 * Notification channels for the rest of the service, such as an SLO that brings its
 * channels inline ({@code "webhooks": [{"type", "url", ...}]}): created exactly as
 * {@code POST /api/channels} creates them, checked, sealed and audited.
 */
@Service
public class Channels {

	private final ChannelStore store;

	private final AuditLog audit;

	Channels(ChannelStore store, AuditLog audit) {
		this.store = store;
		this.audit = audit;
	}

	/**
	 * Creates a channel.
	 * @param request the channel as the API takes it
	 * @param inferType whether a missing type is taken from the URL ({@code POST
	 * /api/webhooks}) rather than refused
	 * @param caller who creates it, for the audit log
	 * @param fieldPrefix what refusals put before the field name, for example
	 * {@code webhooks[0].}, or empty
	 * @return the channel, with the signing secret if one was generated
	 * @throws InvalidParameterException naming the field (with the prefix) that is wrong
	 */
	public Created create(ChannelRequest request, boolean inferType, Caller caller, String fieldPrefix) {
		ChannelSpec spec;
		try {
			spec = ChannelInput.create(request, inferType);
		}
		catch (InvalidParameterException ex) {
			if (fieldPrefix.isEmpty()) {
				throw ex;
			}
			throw new InvalidParameterException(fieldPrefix + ex.getParameter(), ex.getMessage());
		}
		Channel channel = this.store.create(spec, caller.subject());
		this.audit.record(caller, "channel.create", ChannelController.target(channel), AuditLog.SUCCESS);
		boolean generated = spec.type() == ChannelType.WEBHOOK && request.secret() == null;
		return new Created(channel.view(), generated ? spec.signingSecret() : null);
	}

	/**
	 * @param id a channel id
	 * @return the channel, secrets masked, or empty if there is none
	 */
	public Optional<ChannelView> find(long id) {
		return this.store.find(id).map(Channel::view);
	}

	/**
	 * A created channel.
	 *
	 * @param channel the channel, secrets masked
	 * @param generatedSigningSecret the signing secret generated for a webhook channel
	 * created without one (to be shown once), else null
	 */
	public record Created(ChannelView channel, String generatedSigningSecret) {
	}

}
