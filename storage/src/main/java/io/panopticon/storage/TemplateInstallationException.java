package io.panopticon.storage;

/**
 * Thrown when the index templates could not be installed: Elasticsearch was unreachable,
 * answered with an error, or the call was interrupted. Nothing is cached after a failure,
 * so the caller may simply call {@link IndexTemplates#ensureInstalled()} again later.
 */
public class TemplateInstallationException extends RuntimeException {

	TemplateInstallationException(String message, Throwable cause) {
		super(message, cause);
	}

}
