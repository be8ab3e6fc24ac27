package io.panopticon.query.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Merges hand-written descriptions of the metrics endpoints
 * ({@code openapi/metrics-endpoints.yaml}) into the generated OpenAPI description: a path
 * the service does not map is added as written; for a mapped one, summaries, descriptions
 * and parameter descriptions the code leaves empty are filled in, and what the code says
 * wins. So the description covers every query endpoint, and never contradicts the
 * handlers once they exist.
 */
class MetricsApiDescriptions implements OpenApiCustomizer {

	static final String RESOURCE = "openapi/metrics-endpoints.yaml";

	private static final String PARAMETER_REF = "#/components/parameters/";

	private final OpenAPI fragment;

	MetricsApiDescriptions(OpenAPI fragment) {
		this.fragment = fragment;
	}

	/**
	 * Reads the descriptions from the class path.
	 * @return the customizer
	 */
	static MetricsApiDescriptions load() {
		try (InputStream in = MetricsApiDescriptions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			Objects.requireNonNull(in, RESOURCE);
			return new MetricsApiDescriptions(Yaml31.mapper().readValue(in, OpenAPI.class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			openApi.setPaths(new Paths());
		}
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		for (Map.Entry<String, PathItem> entry : this.fragment.getPaths().entrySet()) {
			PathItem mapped = openApi.getPaths().get(entry.getKey());
			if (mapped == null) {
				openApi.getPaths().addPathItem(entry.getKey(), entry.getValue());
				addComponents(openApi.getComponents());
			}
			else {
				fillIn(mapped.getGet(), entry.getValue().getGet());
			}
		}
	}

	private void addComponents(Components components) {
		Components ours = this.fragment.getComponents();
		if (ours.getParameters() != null) {
			ours.getParameters().forEach((name, parameter) -> {
				if (components.getParameters() == null || !components.getParameters().containsKey(name)) {
					components.addParameters(name, parameter);
				}
			});
		}
		if (ours.getSchemas() != null) {
			ours.getSchemas().forEach((name, schema) -> {
				if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
					components.addSchemas(name, schema);
				}
			});
		}
	}

	private void fillIn(Operation mapped, Operation ours) {
		if (mapped == null || ours == null) {
			return;
		}
		if (mapped.getSummary() == null) {
			mapped.setSummary(ours.getSummary());
		}
		if (mapped.getDescription() == null) {
			mapped.setDescription(ours.getDescription());
		}
		if (mapped.getTags() == null || mapped.getTags().isEmpty()) {
			mapped.setTags(ours.getTags());
		}
		List<Parameter> parameters = (ours.getParameters() != null) ? ours.getParameters() : List.of();
		if (mapped.getParameters() == null) {
			return;
		}
		for (Parameter parameter : mapped.getParameters()) {
			if (parameter.getDescription() != null) {
				continue;
			}
			for (Parameter described : parameters) {
				Parameter resolved = resolve(described);
				if (resolved != null && Objects.equals(resolved.getName(), parameter.getName())
						&& Objects.equals(resolved.getIn(), parameter.getIn())) {
					parameter.setDescription(resolved.getDescription());
				}
			}
		}
	}

	private Parameter resolve(Parameter parameter) {
		String ref = parameter.get$ref();
		if (ref == null) {
			return parameter;
		}
		Map<String, Parameter> shared = this.fragment.getComponents().getParameters();
		return (ref.startsWith(PARAMETER_REF) && shared != null) ? shared.get(ref.substring(PARAMETER_REF.length()))
				: null;
	}

}
