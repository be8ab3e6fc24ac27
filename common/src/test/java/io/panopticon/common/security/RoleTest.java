package io.panopticon.common.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoleTest {

	@Test
	void eachRoleIncludesTheWeakerOnes() {
		assertThat(Role.VIEWER.included()).containsExactly(Role.VIEWER);
		assertThat(Role.REPORTER.included()).containsExactly(Role.VIEWER, Role.REPORTER);
		assertThat(Role.ADMIN.included()).containsExactly(Role.VIEWER, Role.REPORTER, Role.ADMIN);
	}

	@Test
	void readsClaimValuesCaseInsensitively() {
		assertThat(Role.fromClaim("admin")).isEqualTo(Role.ADMIN);
		assertThat(Role.fromClaim("Viewer")).isEqualTo(Role.VIEWER);
		assertThat(Role.REPORTER.claimValue()).isEqualTo("reporter");
		assertThatIllegalArgumentException().isThrownBy(() -> Role.fromClaim("owner"));
		assertThatIllegalArgumentException().isThrownBy(() -> Role.fromClaim(null));
	}

}
