package io.panopticon.alert.notify;

import java.util.Locale;

/** What a notification channel sends to; its value is the API's {@code type}. */
public enum ChannelType {

	/** A Slack incoming webhook (Block Kit). */
	SLACK,

	/** A Discord webhook (embeds). */
	DISCORD,

	/** A Microsoft Teams Workflows webhook (an Adaptive Card). */
	TEAMS,

	/** E-mail over SMTP. */
	EMAIL,

	/** Any HTTP endpoint, sent Panopticon's own signed JSON. */
	WEBHOOK;

	/**
	 * @return the API's name of the type
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param value the API's name, any case
	 * @return the type, or null if the value names none
	 */
	public static ChannelType of(String value) {
		for (ChannelType type : values()) {
			if (type.value().equalsIgnoreCase(value.trim())) {
				return type;
			}
		}
		return null;
	}

}
