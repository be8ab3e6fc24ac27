package io.panopticon.alert.user;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.Page;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin user API ({@code /api/users}, admin only by
 * {@code panopticon.security.admin-paths}, decided before the body is read) and a user's
 * own password change.
 */
@RestController
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping("/api/users")
	Page<UserView> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return this.users.list(cursor, limit);
	}

	@PostMapping("/api/users")
	ResponseEntity<UserView> create(@RequestBody CreateUserRequest request, HttpServletRequest http) {
		User user = this.users.create(request, Caller.of(http));
		return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(UserView.of(user));
	}

	@GetMapping("/api/users/{id}")
	UserView get(@PathVariable long id) {
		return UserView.of(this.users.get(id));
	}

	@PatchMapping("/api/users/{id}")
	UserView update(@PathVariable long id, @RequestBody UpdateUserRequest request, HttpServletRequest http) {
		return UserView.of(this.users.update(id, request, Caller.of(http)));
	}

	@PutMapping("/api/auth/password")
	ResponseEntity<Void> changePassword(@RequestBody ChangePasswordRequest request, HttpServletRequest http) {
		this.users.changeOwnPassword(Caller.of(http), request);
		return ResponseEntity.noContent().build();
	}

}
