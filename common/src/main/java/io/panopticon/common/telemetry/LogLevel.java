package io.panopticon.common.telemetry;

/**
 * The severity of a log event, from least to most severe.
 */
public enum LogLevel {

	TRACE, DEBUG, INFO, WARN, ERROR, FATAL

}
