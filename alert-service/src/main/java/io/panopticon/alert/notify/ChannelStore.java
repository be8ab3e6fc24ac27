package io.panopticon.alert.notify;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panopticon.alert.secret.SecretBox;
import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notification channels (table {@code channels}). The URL and signing key are sealed
 * together with {@link SecretBox}; only recipients are kept in clear.
 */
@Component
class ChannelStore {

	private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final JsonMapper json;

	private final Clock clock;

	ChannelStore(JdbcClient jdbc, SecretBox box, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.json = json;
		this.clock = clock;
	}

	Channel create(ChannelSpec spec, String createdBy) {
		Timestamp now = Timestamp.from(this.clock.instant());
		long id = this.jdbc.sql("""
				INSERT INTO channels (type, name, config, secrets_enc, created_at, created_by, updated_at)
				VALUES (?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id""")
			.params(spec.type().value(), spec.name(), config(spec), seal(spec), now, createdBy, now)
			.query(Long.class)
			.single();
		return find(id).orElseThrow();
	}

	/**
	 * @return the channel as changed, or empty if there is none with the id
	 */
	Optional<Channel> update(long id, ChannelSpec spec) {
		int updated = this.jdbc.sql("""
				UPDATE channels SET name = ?, config = ?::jsonb, secrets_enc = ?, updated_at = ? WHERE id = ?""")
			.params(spec.name(), config(spec), seal(spec), Timestamp.from(this.clock.instant()), id)
			.update();
		return (updated == 1) ? find(id) : Optional.empty();
	}

	/**
	 * Deletes a channel with its outbox rows and attempts.
	 * @return whether there was one
	 */
	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM channels WHERE id = ?").param(id).update() == 1;
	}

	Optional<Channel> find(long id) {
		return this.jdbc.sql("SELECT * FROM channels WHERE id = ?").param(id).query(this::channel).optional();
	}

	/**
	 * Channels by id.
	 * @param after only channels after this id, or null
	 * @param limit the page size
	 * @return one page
	 */
	Page<Channel> list(Long after, int limit) {
		List<Channel> channels = this.jdbc.sql("SELECT * FROM channels WHERE id > ? ORDER BY id LIMIT ?")
			.params((after != null) ? after : 0L, limit + 1)
			.query(this::channel)
			.list();
		if (channels.size() <= limit) {
			return new Page<>(channels, null);
		}
		List<Channel> page = channels.subList(0, limit);
		return new Page<>(List.copyOf(page), IdCursor.encode(page.get(page.size() - 1).id()));
	}

	private String config(ChannelSpec spec) {
		Map<String, Object> config = new LinkedHashMap<>();
		if (!spec.recipients().isEmpty()) {
			config.put("recipients", spec.recipients());
		}
		if (spec.smtp() != null) {
			Map<String, Object> smtp = new LinkedHashMap<>();
			smtp.put("host", spec.smtp().host());
			smtp.put("port", spec.smtp().port());
			smtp.put("username", spec.smtp().username());
			smtp.put("from", spec.smtp().from());
			smtp.put("startTls", spec.smtp().startTls());
			config.put("smtp", smtp);
		}
		return this.json.writeValueAsString(config);
	}

	private byte[] seal(ChannelSpec spec) {
		Map<String, String> secrets = new LinkedHashMap<>();
		if (spec.url() != null) {
			secrets.put("url", spec.url());
		}
		if (spec.signingSecret() != null) {
			secrets.put("signingSecret", spec.signingSecret());
		}
		if (spec.smtp() != null && spec.smtp().password() != null) {
			secrets.put("smtpPassword", spec.smtp().password());
		}
		return this.box.seal(this.json.writeValueAsString(secrets).getBytes(StandardCharsets.UTF_8));
	}

	private Channel channel(ResultSet row, int index) throws SQLException {
		Map<String, String> secrets = this.json
			.readValue(new String(this.box.open(row.getBytes("secrets_enc")), StandardCharsets.UTF_8), SECRETS);
		Map<?, ?> config = this.json.readValue(row.getString("config"), Map.class);
		List<String> recipients = new ArrayList<>();
		if (config.get("recipients") instanceof List<?> list) {
			list.forEach((recipient) -> recipients.add(String.valueOf(recipient)));
		}
		ChannelSmtp smtp = null;
		if (config.get("smtp") instanceof Map<?, ?> server) {
			smtp = new ChannelSmtp((String) server.get("host"), ((Number) server.get("port")).intValue(),
					(String) server.get("username"), secrets.get("smtpPassword"), (String) server.get("from"),
					(String) server.get("startTls"));
		}
		return new Channel(row.getLong("id"), ChannelType.of(row.getString("type")), row.getString("name"),
				secrets.get("url"), List.copyOf(recipients), secrets.get("signingSecret"), smtp,
				instant(row.getTimestamp("created_at")), row.getString("created_by"),
				instant(row.getTimestamp("updated_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
