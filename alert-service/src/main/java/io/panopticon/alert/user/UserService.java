package io.panopticon.alert.user;

import java.util.List;
import java.util.Objects;

import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import io.panopticon.common.security.Role;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Creating, changing and listing accounts, each change audited. */
@Service
class UserService {

	private final UserStore store;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	UserService(UserStore store, PasswordPolicy policy, PasswordEncoder encoder, AuditLog audit,
			ApplicationEventPublisher events) {
		this.store = store;
		this.policy = policy;
		this.encoder = encoder;
		this.audit = audit;
		this.events = events;
	}

	Page<UserView> list(String cursor, Integer limit) {
		int size = IdCursor.limit(limit, 50, 1000);
		List<User> users = this.store.list(IdCursor.decode(cursor), size);
		String next = (users.size() == size) ? IdCursor.encode(users.get(users.size() - 1).id()) : null;
		return new Page<>(users.stream().map(UserView::of).toList(), next);
	}

	User get(long id) {
		return this.store.find(id).orElseThrow(() -> new NotFoundException("no user " + id));
	}

	@Transactional
	User create(CreateUserRequest request, Caller caller) {
		String username = UserInput.username(request.username());
		String email = UserInput.email(request.email());
		Role role = UserInput.role(request.role());
		String displayName = (request.displayName() != null) ? UserInput.displayName(request.displayName()) : username;
		this.policy.check("password", username, request.password());
		User user;
		try {
			user = this.store.create(username, email, displayName, role, this.encoder.encode(request.password()),
					Boolean.TRUE.equals(request.mustChangePassword()));
		}
		catch (DuplicateKeyException ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "the user name '" + username + "' is taken");
		}
		this.audit.record(caller, "user.create", target(user), AuditLog.SUCCESS);
		return user;
	}

	@Transactional
	User update(long id, UpdateUserRequest request, Caller caller) {
		User user = get(id);
		Role role = (request.role() != null) ? UserInput.role(request.role()) : user.role();
		boolean active = (request.active() != null) ? request.active() : user.active();
		String email = (request.email() != null) ? UserInput.email(request.email()) : user.email();
		String displayName = (request.displayName() != null) ? UserInput.displayName(request.displayName())
				: user.displayName();
		if (request.password() != null) {
			this.policy.check("password", user.username(), request.password());
		}
		boolean mustChange = (request.mustChangePassword() != null) ? request.mustChangePassword()
				: (request.password() != null) || user.mustChangePassword();
		User changed = new User(user.id(), user.username(), email, displayName, role, active, mustChange,
				user.createdAt(), user.lastLoginAt());
		boolean wasAdmin = user.role() == Role.ADMIN && user.active();
		boolean isAdmin = role == Role.ADMIN && active;
		if (wasAdmin && !isAdmin && this.store.countActiveAdmins() <= 1) {
			// Nobody could administer users any more.
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"the last active admin cannot be demoted or deactivated");
		}
		this.store.update(changed);
		if (request.password() != null) {
			this.store.setPassword(id, this.encoder.encode(request.password()), mustChange);
			this.audit.record(caller, "user.password-reset", target(user), AuditLog.SUCCESS);
		}
		if (role != user.role()) {
			this.audit.record(caller, "user.role",
					target(user) + " " + user.role().claimValue() + "->" + role.claimValue(), AuditLog.SUCCESS);
		}
		if (active != user.active()) {
			this.audit.record(caller, active ? "user.activate" : "user.deactivate", target(user), AuditLog.SUCCESS);
		}
		if (!Objects.equals(email, user.email()) || !displayName.equals(user.displayName())
				|| mustChange != user.mustChangePassword()) {
			this.audit.record(caller, "user.update", target(user), AuditLog.SUCCESS);
		}
		if (!active || request.password() != null) {
			this.events.publishEvent(new EndSessions(id));
		}
		return get(id);
	}

	@Transactional
	void changeOwnPassword(Caller caller, ChangePasswordRequest request) {
		Long id = caller.userId();
		User user = (id != null) ? this.store.find(id).orElse(null) : null;
		if (user == null || !user.active()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the token belongs to no active user account");
		}
		String old = UserInput.required("oldPassword", request.oldPassword());
		if (!this.encoder.matches(old, this.store.passwordHash(user.id()))) {
			this.audit.record(caller, "password.change", target(user), AuditLog.FAILURE);
			throw new InvalidParameterException("oldPassword", "is not the current password");
		}
		this.policy.check("newPassword", user.username(), request.newPassword());
		if (request.newPassword().equals(old)) {
			throw new InvalidParameterException("newPassword", "must differ from the current password");
		}
		this.store.setPassword(user.id(), this.encoder.encode(request.newPassword()), false);
		this.audit.record(caller, "password.change", target(user), AuditLog.SUCCESS);
	}

	static String target(User user) {
		return "user:" + user.id() + " (" + user.username() + ")";
	}

}
