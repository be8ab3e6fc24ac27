package io.panopticon.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Merges hand-written description fragments ({@code openapi/*.yaml} on the class path,
 * each an OpenAPI document with paths and components) into the generated description. A
 * fragment whose info has a description gives the description its title and text. A path
 * the service does not map is added as written. For a mapped operation, what the code
 * leaves empty is filled in: summary, description, tags, parameter descriptions, the
 * request body, security ({@code security: []} for an open operation), and responses the
 * code cannot know (a {@code ResponseEntity} hides its status: a fragment's 202 replaces
 * the 200 springdoc-openapi assumes). What the code says wins, so the description never
 * contradicts the handlers.
 */
public class ApiFragments implements OpenApiCustomizer, Ordered {

	/** Where the fragments are. */
	public static final String LOCATION = "classpath*:openapi/*.yaml";

	private static final String PARAMETER_REF = "#/components/parameters/";

	private final List<OpenAPI> fragments;

	/**
	 * @param fragments the fragments, merged in this order
	 */
	public ApiFragments(List<OpenAPI> fragments) {
		this.fragments = List.copyOf(fragments);
	}

	/**
	 * Reads the fragments from the class path, by file name.
	 * @return the customizer
	 */
	public static ApiFragments load() {
		List<OpenAPI> fragments = new ArrayList<>();
		for (Resource resource : resources(LOCATION)) {
			try (InputStream in = resource.getInputStream()) {
				fragments.add(Yaml31.mapper().readValue(in, OpenAPI.class));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + resource.getDescription(), ex);
			}
		}
		return new ApiFragments(fragments);
	}

	static List<Resource> resources(String pattern) {
		try {
			Resource[] found = new PathMatchingResourcePatternResolver().getResources(pattern);
			return Arrays.stream(found)
				.sorted(Comparator
					.comparing((Resource resource) -> Objects.requireNonNullElse(resource.getFilename(), "")))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list " + pattern, ex);
		}
	}

	@Override
	public int getOrder() {
		// Before the customizers that add to every operation, such as the examples.
		return 0;
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			openApi.setPaths(new Paths());
		}
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		for (OpenAPI fragment : this.fragments) {
			merge(fragment, openApi);
		}
	}

	private static void merge(OpenAPI fragment, OpenAPI openApi) {
		Info info = fragment.getInfo();
		if (info != null && info.getDescription() != null) {
			if (openApi.getInfo() == null) {
				openApi.setInfo(new Info().version(info.getVersion()));
			}
			openApi.getInfo().title(info.getTitle()).description(info.getDescription());
		}
		if (fragment.getPaths() == null) {
			return;
		}
		for (Map.Entry<String, PathItem> entry : fragment.getPaths().entrySet()) {
			PathItem mapped = openApi.getPaths().get(entry.getKey());
			if (mapped == null) {
				openApi.getPaths().addPathItem(entry.getKey(), entry.getValue());
			}
			else {
				entry.getValue()
					.readOperationsMap()
					.forEach((method, ours) -> fillIn(mapped.readOperationsMap().get(method), ours, fragment));
			}
		}
		addComponents(fragment.getComponents(), openApi.getComponents());
	}

	private static void addComponents(Components ours, Components components) {
		if (ours == null) {
			return;
		}
		addMissing(ours.getParameters(), components::getParameters, components::addParameters);
		addMissing(ours.getSchemas(), components::getSchemas, components::addSchemas);
		addMissing(ours.getExamples(), components::getExamples, components::addExamples);
	}

	private static <T> void addMissing(Map<String, T> ours, java.util.function.Supplier<Map<String, T>> theirs,
			BiConsumer<String, T> add) {
		if (ours == null) {
			return;
		}
		ours.forEach((name, value) -> {
			if (theirs.get() == null || !theirs.get().containsKey(name)) {
				add.accept(name, value);
			}
		});
	}

	private static void fillIn(Operation mapped, Operation ours, OpenAPI fragment) {
		if (mapped == null) {
			return;
		}
		fill(mapped, ours, Operation::getSummary, Operation::setSummary);
		fill(mapped, ours, Operation::getDescription, Operation::setDescription);
		fill(mapped, ours, Operation::getRequestBody, Operation::setRequestBody);
		if (mapped.getTags() == null || mapped.getTags().isEmpty()) {
			mapped.setTags(ours.getTags());
		}
		if (mapped.getSecurity() == null) {
			mapped.setSecurity(ours.getSecurity());
		}
		fillInParameters(mapped, ours, fragment);
		fillInResponses(mapped, ours);
	}

	private static <T> void fill(Operation mapped, Operation ours, Function<Operation, T> get,
			BiConsumer<Operation, T> set) {
		if (get.apply(mapped) == null && get.apply(ours) != null) {
			set.accept(mapped, get.apply(ours));
		}
	}

	private static void fillInParameters(Operation mapped, Operation ours, OpenAPI fragment) {
		if (mapped.getParameters() == null || ours.getParameters() == null) {
			return;
		}
		for (Parameter parameter : mapped.getParameters()) {
			for (Parameter described : ours.getParameters()) {
				Parameter resolved = resolve(described, fragment);
				if (resolved == null || !Objects.equals(resolved.getName(), parameter.getName())
						|| !Objects.equals(resolved.getIn(), parameter.getIn())) {
					continue;
				}
				if (parameter.getDescription() == null) {
					parameter.setDescription(resolved.getDescription());
				}
				if (parameter.getExample() == null) {
					parameter.setExample(resolved.getExample());
				}
			}
		}
	}

	private static void fillInResponses(Operation mapped, Operation ours) {
		if (ours.getResponses() == null) {
			return;
		}
		if (mapped.getResponses() == null) {
			mapped.setResponses(new ApiResponses());
		}
		ApiResponses responses = mapped.getResponses();
		boolean oursHaveSuccess = ours.getResponses().keySet().stream().anyMatch(ApiFragments::isSuccess);
		if (oursHaveSuccess && !ours.getResponses().containsKey("200")) {
			// The code's 200 is springdoc-openapi's guess: the fragment knows better.
			responses.remove("200");
		}
		ours.getResponses().forEach((status, response) -> {
			ApiResponse existing = responses.get(status);
			if (existing == null) {
				responses.addApiResponse(status, response);
				return;
			}
			if (existing.getDescription() == null || existing.getDescription().isEmpty()) {
				existing.setDescription(response.getDescription());
			}
			if (response.getContent() != null) {
				Content content = (existing.getContent() != null) ? existing.getContent() : new Content();
				// A handler writing bytes is generated as */*: the fragment names the
				// types.
				content.remove("*/*");
				response.getContent().forEach((type, media) -> {
					if (!content.containsKey(type)) {
						content.addMediaType(type, media);
					}
				});
				existing.setContent(content);
			}
		});
	}

	private static boolean isSuccess(String status) {
		return status.startsWith("2");
	}

	private static Parameter resolve(Parameter parameter, OpenAPI fragment) {
		String ref = parameter.get$ref();
		if (ref == null) {
			return parameter;
		}
		Map<String, Parameter> shared = (fragment.getComponents() != null) ? fragment.getComponents().getParameters()
				: null;
		return (ref.startsWith(PARAMETER_REF) && shared != null) ? shared.get(ref.substring(PARAMETER_REF.length()))
				: null;
	}

}
