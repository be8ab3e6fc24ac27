package io.panopticon.ingest.receiver.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.ingest.receiver.Intake;
import io.panopticon.ingest.receiver.Outcome;

/**
 * OTLP export requests, whatever transport carried them, into Kafka: converts, hands the
 * items to the {@link Intake} and answers with OTLP's partial success when items were
 * rejected. Thread-safe.
 */
public final class OtlpExports {

	private final Intake intake;

	public OtlpExports(Intake intake) {
		this.intake = intake;
	}

	/**
	 * Takes a trace export.
	 * @param request the request
	 * @param protocol the transport, for metrics
	 * @return the response, with a partial success when spans were rejected
	 * @throws io.panopticon.ingest.receiver.PublishFailedException if Kafka did not
	 * acknowledge the spans
	 */
	public ExportTraceServiceResponse traces(ExportTraceServiceRequest request, String protocol) {
		Outcome outcome = this.intake.spans(protocol, OtlpSpans.convert(request));
		ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
		if (outcome.rejected() > 0) {
			response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
				.setRejectedSpans(outcome.rejected())
				.setErrorMessage(outcome.summary("spans")));
		}
		return response.build();
	}

	/**
	 * Takes a logs export.
	 * @param request the request
	 * @param protocol the transport, for metrics
	 * @return the response, with a partial success when log records were rejected
	 * @throws io.panopticon.ingest.receiver.PublishFailedException if Kafka did not
	 * acknowledge the log events
	 */
	public ExportLogsServiceResponse logs(ExportLogsServiceRequest request, String protocol) {
		Outcome outcome = this.intake.logs(protocol, OtlpLogs.convert(request));
		ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
		if (outcome.rejected() > 0) {
			response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
				.setRejectedLogRecords(outcome.rejected())
				.setErrorMessage(outcome.summary("log records")));
		}
		return response.build();
	}

	/**
	 * Reads a binary trace export request.
	 * @param body the protobuf bytes
	 * @return the request
	 * @throws InvalidParameterException if the bytes are not one
	 */
	public static ExportTraceServiceRequest parseTraces(byte[] body) {
		try {
			return ExportTraceServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw invalid(ex);
		}
	}

	/**
	 * Reads a binary logs export request.
	 * @param body the protobuf bytes
	 * @return the request
	 * @throws InvalidParameterException if the bytes are not one
	 */
	public static ExportLogsServiceRequest parseLogs(byte[] body) {
		try {
			return ExportLogsServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw invalid(ex);
		}
	}

	private static InvalidParameterException invalid(Exception ex) {
		return new InvalidParameterException("$", "is not a valid OTLP protobuf export request: " + ex.getMessage());
	}

}
