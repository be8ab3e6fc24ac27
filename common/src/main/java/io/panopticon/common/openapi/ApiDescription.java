package io.panopticon.common.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The frame of every service's OpenAPI description: title, text, licence, and the bearer
 * token every service accepts, required unless an operation says {@code security: []} (in
 * its description fragment, see {@link ApiFragments}). Each service declares its
 * {@code OpenAPI} bean with {@link #of}; springdoc-openapi generates the operations from
 * the handlers, {@link ApiFragments} and {@link ApiExamples} complete them.
 */
public final class ApiDescription {

	/** The security scheme's name. */
	public static final String BEARER = "bearer";

	private ApiDescription() {
	}

	/**
	 * The description's frame.
	 * @param title the title, such as {@code Panopticon query API}
	 * @param description what the API is for and its conventions (CommonMark)
	 * @return the frame
	 */
	public static OpenAPI of(String title, String description) {
		return new OpenAPI().info(
				new Info().title(title).version("1").license(new License().name("Apache-2.0")).description(description))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
