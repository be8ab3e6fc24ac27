package io.panopticon.alert.apikey;

import java.time.Instant;

/**
 * An API key as stored (never the key itself).
 *
 * @param id its id; its tokens' subject is {@code apikey:<id>}
 * @param name what it is for
 * @param role the role it grants
 * @param keyPrefix the key's first characters, to recognise it
 * @param createdAt when it was created
 * @param createdBy the subject of the admin who created it
 * @param expiresAt when it stops working, null for never
 * @param revokedAt when it was revoked, null if not
 * @param lastUsedAt when it was last used, to the minute
 */
record ApiKey(long id, String name, String role, String keyPrefix, Instant createdAt, String createdBy,
		Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

	String subject() {
		return "apikey:" + this.id;
	}

}
