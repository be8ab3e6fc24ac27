package io.panopticon.alert.slo;

import java.time.Duration;
import java.util.List;

/**
 * One condition of multi-window, multi-burn-rate alerting: it holds when the burn rate
 * exceeds {@code factor} over both windows (the long one shows the budget is really
 * burning, the short one that it still is).
 *
 * @param severity {@code critical} (a page) or {@code warning} (a ticket), or
 * {@code info}
 * @param factor the burn rate both windows must exceed
 * @param longWindow for example {@code 1h}
 * @param shortWindow for example {@code 5m}, shorter than the long one
 */
public record BurnRateAlert(String severity, double factor, String longWindow, String shortWindow) {

	/**
	 * The SRE workbook's defaults: page at 14.4× over 1 h and 5 m and at 6× over 6 h and
	 * 30 m; ticket at 3× over 1 d and 2 h and at 1× over 3 d and 6 h.
	 */
	public static final List<BurnRateAlert> DEFAULTS = List.of(new BurnRateAlert("critical", 14.4, "1h", "5m"),
			new BurnRateAlert("critical", 6, "6h", "30m"), new BurnRateAlert("warning", 3, "1d", "2h"),
			new BurnRateAlert("warning", 1, "3d", "6h"));

	/**
	 * @return the long window's length
	 */
	public Duration longDuration() {
		return Windows.parse(this.longWindow);
	}

	/**
	 * @return the short window's length
	 */
	public Duration shortDuration() {
		return Windows.parse(this.shortWindow);
	}

}
