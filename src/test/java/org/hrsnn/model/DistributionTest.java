package org.hrsnn.model;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sample moments against the spec's mean and variance, with tolerances from the sampling error. */
class DistributionTest {
    static final int N = 200_000;

    static Stream<Arguments> cases() {
        Distribution[] ds = {Distribution.gamma(20, 2), Distribution.gamma(5, 0.7), Distribution.gamma(100, 50),
                Distribution.logNormal(20, 0.5), Distribution.logNormal(0.01, 1.0), Distribution.uniform(-52, -48)};
        return Stream.of(ds).flatMap(d -> LongStream.of(1, 2, 3).mapToObj(seed -> Arguments.of(d, seed)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sampleMeanAndVarianceMatchTheSpec(Distribution d, long seed) {
        double[] x = d.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), N);
        double mean = 0;
        for (double v : x) mean += v;
        mean /= N;
        double m2 = 0, m4 = 0;
        for (double v : x) {
            double c = v - mean;
            m2 += c * c;
            m4 += c * c * c * c;
        }
        double var = m2 / (N - 1);
        m4 /= N;
        // 5 standard errors: a fixed-seed test that fails only if the sampler is wrong.
        double seMean = Math.sqrt(d.variance() / N);
        assertEquals(d.mean(), mean, 5 * seMean, "mean of " + d);
        double seVar = Math.sqrt(Math.max(m4 - var * var, 0) / N);
        assertEquals(d.variance(), var, 5 * seVar, "variance of " + d);
        for (double v : x) assertTrue(v >= d.lowerBound(), "support of " + d);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameGeneratorStateGivesSameDraws(Distribution d, long seed) {
        double[] a = d.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), 100);
        double[] b = d.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), 100);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0);
    }
}
