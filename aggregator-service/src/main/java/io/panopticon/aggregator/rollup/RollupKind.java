package io.panopticon.aggregator.rollup;

import io.panopticon.storage.RollupDocuments;

/**
 * What a rollup document describes (its {@code kind} field).
 */
public enum RollupKind {

	/** Requests of one service in one environment. */
	SERVICE("service"),

	/** Requests of one endpoint of a service in one environment. */
	ENDPOINT("endpoint"),

	/** Calls from one service to another service or an uninstrumented peer. */
	EDGE("edge"),

	/** The statement that a bucket is completely rolled up. */
	MARKER(RollupDocuments.MARKER_KIND);

	private final String label;

	RollupKind(String label) {
		this.label = label;
	}

	/**
	 * Returns the value of the documents' {@code kind} field.
	 * @return for example {@code endpoint}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns the kind of a {@code kind} field value.
	 * @param label the value
	 * @return the kind
	 * @throws IllegalArgumentException if no kind has that label
	 */
	public static RollupKind ofLabel(String label) {
		for (RollupKind kind : values()) {
			if (kind.label.equals(label)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("unknown rollup kind: " + label);
	}

}
