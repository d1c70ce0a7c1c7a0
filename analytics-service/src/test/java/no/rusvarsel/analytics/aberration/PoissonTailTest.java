package no.rusvarsel.analytics.aberration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** P(Y ≥ y) of a Poisson count, against SciPy's {@code poisson.sf(y - 1, lambda)}, down to very small probabilities. */
class PoissonTailTest {

    @ParameterizedTest(name = "P(Y >= {0} | {1}) = {2}")
    @CsvSource({
            "0, 1.0, 1.0",
            "1, 1.0, 0.6321205588285577",
            "3, 0.857142857142857, 0.05598693512678479",
            "6, 0.857142857142857, 0.0002657477739024739",
            "12, 6.6, 0.03729075643573232",
            "7, 2.0, 0.004533805526248865",
            "10, 3.0, 0.0011024881301154815",
            "40, 10.0, 7.341636314560681e-13",
            "2, 5.0, 0.9595723180054873",
            "200, 100.0, 9.343150072988544e-19"})
    void shouldEqualTheReferenceUpperTail(long y, double lambda, double expected) {
        assertThat(PoissonTail.atLeast(y, lambda)).isCloseTo(expected, within(expected * 1e-9));
    }
}
