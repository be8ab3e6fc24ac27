package io.panopticon.alert.user;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.web.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Until a user with {@code mustChangePassword} has changed the password, the API of this
 * service answers that user 403, except {@code /api/auth/**} (login, me, the change
 * itself).
 */
@Component
class PasswordChangeGate implements HandlerInterceptor, WebMvcConfigurer {

	private final UserStore store;

	PasswordChangeGate(UserStore store) {
		this.store = store;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**").excludePathPatterns("/api/auth/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Long id = Caller.of(request).userId();
		if (id != null && this.store.find(id).map(User::mustChangePassword).orElse(false)) {
			ProblemResponses.write(request, response, HttpStatus.FORBIDDEN,
					"the password must be changed first: PUT /api/auth/password");
			return false;
		}
		return true;
	}

}
