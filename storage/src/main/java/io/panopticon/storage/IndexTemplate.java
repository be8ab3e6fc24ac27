package io.panopticon.storage;

/**
 * A composable index template, ready to be sent as {@code PUT _index_template/<name>}.
 *
 * @param name the template name
 * @param body the request body, JSON
 */
public record IndexTemplate(String name, String body) {

	/**
	 * Returns the request path of the template.
	 * @return {@code /_index_template/<name>}
	 */
	public String path() {
		return "/_index_template/" + this.name;
	}

}
