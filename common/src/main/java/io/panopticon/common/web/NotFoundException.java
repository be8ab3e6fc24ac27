package io.panopticon.common.web;

/** Something the caller named does not exist. Answered as a 404 problem detail. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String detail) {
		super(detail);
	}

}
