package io.panopticon.alert.web;

import java.util.List;

/**
 * One page of a list.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param nextCursor the {@code cursor} of the next page, null on the last one
 */
public record Page<T>(List<T> items, String nextCursor) {
}
