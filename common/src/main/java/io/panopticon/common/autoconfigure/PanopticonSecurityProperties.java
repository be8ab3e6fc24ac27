package io.panopticon.common.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call a service's HTTP endpoints ({@code panopticon.security.*}).
 *
 * @param publicRead whether reads (GET, HEAD) of the product API are allowed without a
 * token; when false they need a viewer token
 * @param ingestTokenRequired whether the telemetry receivers ({@code receiverPaths})
 * demand a reporter token; stock OpenTelemetry and Zipkin SDKs send none, so the default
 * is false
 * @param receiverPaths the telemetry receiver paths, open unless
 * {@code ingestTokenRequired}
 * @param publicPaths further paths open to everyone, for example a login endpoint or a
 * WebSocket handshake that authenticates in its own protocol
 * @param authenticatedPaths paths open to every valid token whatever its role, for
 * example the caller's own account ({@code /api/auth/me})
 * @param adminPaths paths, besides {@code /api/admin/**}, that need an admin token
 * whatever the method, for example user administration; decided before the request body
 * is read, so a weaker token gets 403 whatever it sends
 * @param allowedOrigins browser origins allowed to call the service (CORS, WebSocket
 * handshakes); patterns such as {@code https://*.example.com} work
 * ({@code PANOPTICON_ALLOWED_ORIGINS}, or error-stream's {@code ERROR_STREAM_WS_ORIGINS})
 */
@ConfigurationProperties("panopticon.security")
public record PanopticonSecurityProperties(boolean publicRead, boolean ingestTokenRequired, @DefaultValue( {
		"/v1/traces", "/v1/logs", "/api/v2/spans" }) List<String> receiverPaths, @DefaultValue List<String> publicPaths,
		@DefaultValue List<String> authenticatedPaths, @DefaultValue List<String> adminPaths,
		@DefaultValue({ "http://localhost:3000", "http://127.0.0.1:3000" }) List<String> allowedOrigins){

	/**
	 * Checks the paths.
	 * @throws IllegalArgumentException if a path does not start with {@code /}
	 */
	public PanopticonSecurityProperties {
		receiverPaths.forEach((path) -> SettingChecks.require(path.strip().startsWith("/"),
				"panopticon.security.receiver-paths must start with '/', not '" + path + "'"));
		publicPaths.forEach((path) -> SettingChecks.require(path.strip().startsWith("/"),
				"panopticon.security.public-paths must start with '/', not '" + path + "'"));
		authenticatedPaths.forEach((path) -> SettingChecks.require(path.strip().startsWith("/"),
				"panopticon.security.authenticated-paths must start with '/', not '" + path + "'"));
		adminPaths.forEach((path) -> SettingChecks.require(path.strip().startsWith("/"),
				"panopticon.security.admin-paths must start with '/', not '" + path + "'"));
	}

}
