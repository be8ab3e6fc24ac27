/**
 * Sample traffic: a model of a small online shop whose services call each other
 * ({@link io.panopticon.demo.TrafficModel}, {@link io.panopticon.demo.Trace}), and
 * {@link io.panopticon.demo.SampleTraffic}, the program that sends it to Kafka for the
 * local stack's demo. The model also feeds the benchmarks and the tests of other modules,
 * which take this module in test scope; no service ships it.
 */
package io.panopticon.demo;
