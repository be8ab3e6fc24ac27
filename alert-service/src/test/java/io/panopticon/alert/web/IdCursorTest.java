package io.panopticon.alert.web;

import io.panopticon.common.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdCursorTest {

	@Test
	void roundTripsAnId() {
		assertThat(IdCursor.decode(IdCursor.encode(42))).isEqualTo(42L);
		assertThat(IdCursor.decode(null)).isNull();
	}

	@Test
	void refusesForeignCursorsAndLimitsOutOfRange() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> IdCursor.decode("bm9wZQ"))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("cursor"));
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> IdCursor.limit(0, 50, 1000));
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> IdCursor.limit(1001, 50, 1000));
		assertThat(IdCursor.limit(null, 50, 1000)).isEqualTo(50);
	}

}
