package io.panopticon.common.security;

import java.util.List;
import java.util.Locale;

/**
 * The roles a Panopticon token can carry in its {@code role} claim. Each role includes
 * the rights of the ones before it: an admin may do what a reporter may, a reporter what
 * a viewer may.
 */
public enum Role {

	/** Reads dashboards, traces, logs and alerts. */
	VIEWER,

	/** Viewer rights plus writes of everyday objects (incidents, SLOs, alert rules). */
	REPORTER,

	/**
	 * Everything, including users, dead-letter re-drive and sensitive actuator endpoints.
	 */
	ADMIN;

	/**
	 * The claim value, as tokens carry it ({@code viewer}, {@code reporter},
	 * {@code admin}).
	 */
	public String claimValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** This role and every role it includes, weakest first. */
	public List<Role> included() {
		return List.of(values()).subList(0, ordinal() + 1);
	}

	/**
	 * Reads a {@code role} claim.
	 * @param claim the claim value, case-insensitive
	 * @return the role
	 * @throws IllegalArgumentException if the claim names no role
	 */
	public static Role fromClaim(String claim) {
		if (claim != null) {
			for (Role role : values()) {
				if (role.claimValue().equalsIgnoreCase(claim.trim())) {
					return role;
				}
			}
		}
		throw new IllegalArgumentException("unknown role '" + claim + "'");
	}

}
