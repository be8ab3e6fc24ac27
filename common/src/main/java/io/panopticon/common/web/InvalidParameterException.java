package io.panopticon.common.web;

/**
 * A request parameter or body field that the caller got wrong. Answered as a 400 problem
 * detail whose {@code invalid-params} member names the parameter.
 */
public class InvalidParameterException extends RuntimeException {

	private final String parameter;

	/**
	 * @param parameter the parameter or body field, as the caller spelled it
	 * @param reason what is wrong with it, in words the caller can act on
	 */
	public InvalidParameterException(String parameter, String reason) {
		super(reason);
		this.parameter = parameter;
	}

	public String getParameter() {
		return this.parameter;
	}

}
