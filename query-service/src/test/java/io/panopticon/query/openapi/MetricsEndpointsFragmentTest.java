package io.panopticon.query.openapi;

import java.util.List;

import io.panopticon.common.openapi.ApiFragments;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointsFragmentTest {

	@Test
	void unmappedMetricsEndpointsAreAddedWithTheirSchemas() {
		OpenAPI api = new OpenAPI().paths(new Paths());
		ApiFragments.load().customise(api);
		assertThat(api.getPaths()).containsKeys("/api/services", "/api/services/{name}/metrics",
				"/api/services/{name}/endpoints", "/api/service-map");
		assertThat(api.getPaths().get("/api/services").getGet().getSummary())
			.isEqualTo("Services with their figures for the range");
		assertThat(api.getComponents().getSchemas()).containsKeys("ServiceList", "ServiceSummary", "EndpointSummary",
				"ServiceMap");
		assertThat(api.getComponents().getParameters()).containsKeys("from", "to", "range", "environment");
	}

	@Test
	void mappedEndpointsKeepWhatTheCodeSaysAndGetTheGapsFilled() {
		Parameter from = new Parameter().name("from").in("query");
		Parameter search = new Parameter().name("search").in("query").description("from the code");
		Operation services = new Operation().summary("From the code").parameters(List.of(from, search));
		OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/services", new PathItem().get(services)));
		ApiFragments.load().customise(api);
		Operation merged = api.getPaths().get("/api/services").getGet();
		assertThat(merged.getSummary()).isEqualTo("From the code");
		assertThat(merged.getDescription()).contains("Exact over the whole range");
		assertThat(merged.getParameters().get(0).getDescription()).isEqualTo("start, ISO-8601 or epoch milliseconds");
		assertThat(merged.getParameters().get(1).getDescription()).isEqualTo("from the code");
	}

}
