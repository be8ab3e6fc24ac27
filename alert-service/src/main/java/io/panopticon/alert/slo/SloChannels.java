package io.panopticon.alert.slo;

import java.util.Set;

import io.panopticon.alert.notify.ChannelRequest;
import io.panopticon.alert.notify.Channels;
import io.panopticon.alert.slo.SloInput.ChannelEntry;
import io.panopticon.alert.slo.SloInput.ChannelResolver;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.web.InvalidParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The channels of an SLO: ids must name existing channels, and inline channels are
 * created as {@code POST /api/channels} creates them (checked, sealed, audited), in the
 * caller's transaction, so that a refused SLO leaves no channel behind. Refusals name the
 * entry, for example {@code webhooks[1]} or {@code webhooks[1].url}.
 */
@Component
class SloChannels {

	private static final Set<String> FIELDS = Set.of("type", "name", "url", "recipients", "secret", "smtp");

	private final Channels channels;

	private final JsonMapper json;

	SloChannels(Channels channels, JsonMapper json) {
		this.channels = channels;
		this.json = json;
	}

	/**
	 * @param caller who creates or changes the SLO, the creator of its inline channels
	 * @return a resolver for one request
	 */
	ChannelResolver resolver(Caller caller) {
		return (entry) -> resolve(entry, caller);
	}

	private long resolve(ChannelEntry entry, Caller caller) {
		if (entry.id() != null) {
			if (this.channels.find(entry.id()).isEmpty()) {
				throw new InvalidParameterException(entry.field(), "there is no channel " + entry.id());
			}
			return entry.id();
		}
		for (String field : entry.inline().propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidParameterException(entry.field() + "." + field, "is not a field of a channel");
			}
		}
		ChannelRequest request;
		try {
			request = this.json.treeToValue(entry.inline(), ChannelRequest.class);
		}
		catch (JacksonException ex) {
			throw new InvalidParameterException(entry.field(),
					"must be a channel such as {\"type\": \"slack\", \"url\": \"https://...\"}");
		}
		return this.channels.create(request, entry.inferType(), caller, entry.field() + ".").channel().id();
	}

}
