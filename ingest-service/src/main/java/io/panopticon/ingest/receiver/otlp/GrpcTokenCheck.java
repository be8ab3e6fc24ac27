package io.panopticon.ingest.receiver.otlp;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import io.panopticon.common.security.InvalidTokenException;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.Role;
import io.panopticon.common.security.VerifiedToken;

/**
 * The HTTP receivers' security rules for OTLP/gRPC: a call without a token goes through
 * unless a reporter token is required
 * ({@code panopticon.security.ingest-token-required}); a token that cannot be trusted is
 * refused even where none is needed, as on HTTP. Refusals are {@code UNAUTHENTICATED} (no
 * or bad token) and {@code PERMISSION_DENIED} (a token without the reporter role).
 */
public final class GrpcTokenCheck implements ServerInterceptor {

	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final String BEARER = "bearer ";

	private final JwtVerifier verifier;

	private final boolean required;

	/**
	 * @param verifier verifies tokens
	 * @param required whether a reporter token is required
	 */
	public GrpcTokenCheck(JwtVerifier verifier, boolean required) {
		this.verifier = verifier;
		this.required = required;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String header = headers.get(AUTHORIZATION);
		if (header == null || header.isBlank()) {
			return this.required
					? refuse(call,
							Status.UNAUTHENTICATED
								.withDescription("a valid bearer token is required (authorization: Bearer <token>)"))
					: next.startCall(call, headers);
		}
		if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return refuse(call,
					Status.UNAUTHENTICATED.withDescription("only 'authorization: Bearer <token>' is accepted"));
		}
		VerifiedToken token;
		try {
			token = this.verifier.verify(header.substring(BEARER.length()));
		}
		catch (InvalidTokenException ex) {
			return refuse(call, Status.UNAUTHENTICATED.withDescription(ex.getMessage()));
		}
		if (this.required && !token.role().included().contains(Role.REPORTER)) {
			return refuse(call, Status.PERMISSION_DENIED.withDescription("the token's role does not allow this"));
		}
		return next.startCall(call, headers);
	}

	private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
		call.close(status, new Metadata());
		return new ServerCall.Listener<>() {
		};
	}

}
