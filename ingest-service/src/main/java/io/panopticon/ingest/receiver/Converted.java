package io.panopticon.ingest.receiver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a protocol codec made of one request: the items in our model, each with where it
 * was in the request, and the items it could not convert. Not thread-safe; one per
 * request.
 *
 * @param <T> the item type ({@link io.panopticon.common.telemetry.Span} or
 * {@link io.panopticon.common.telemetry.LogEvent})
 */
public final class Converted<T> {

	private final List<Located<T>> items = new ArrayList<>();

	private final List<Rejection> rejections = new ArrayList<>();

	/**
	 * Adds a converted item.
	 * @param item where it was in the request
	 * @param value the item
	 */
	public void accept(String item, T value) {
		this.items.add(new Located<>(item, value));
	}

	/**
	 * Records an item that could not be converted.
	 * @param item where it was in the request
	 * @param reason what is wrong with it
	 */
	public void reject(String item, String reason) {
		this.rejections.add(new Rejection(item, reason));
	}

	/** The converted items, in request order. */
	public List<Located<T>> items() {
		return Collections.unmodifiableList(this.items);
	}

	/** The items that could not be converted, in request order. */
	public List<Rejection> rejections() {
		return Collections.unmodifiableList(this.rejections);
	}

	/** How many items the request held. */
	public int total() {
		return this.items.size() + this.rejections.size();
	}

	/**
	 * An item and where it was in the request.
	 *
	 * @param <T> the item type
	 * @param item where it was, for messages
	 * @param value the item
	 */
	public record Located<T>(String item, T value) {
	}

}
