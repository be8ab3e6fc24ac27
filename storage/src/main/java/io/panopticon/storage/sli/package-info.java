/**
 * What service level indicators are made of, read for alert-service's SLOs:
 * {@link io.panopticon.storage.sli.SliReader} counts a service's (or endpoint's)
 * requests, errors and fast requests per window or per point of a time series, from
 * minute rollups for the minutes the aggregator marked complete and from raw spans for
 * every other part. Planning and the searches themselves are internal.
 */
package io.panopticon.storage.sli;
