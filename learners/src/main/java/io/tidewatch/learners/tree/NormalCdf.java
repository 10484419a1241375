package io.tidewatch.learners.tree;

/**
 * The standard normal distribution function, by the Cephes rational approximations of erf/erfc (about 1e-15
 * relative error). MOA's Gaussian split estimator uses the same approximations, so split points and merits match.
 */
final class NormalCdf {

    private static final double SQRT_HALF = 7.07106781186547524401E-1;
    private static final double MAX_LOG = 7.09782712893383996732E2;

    private static final double[] T = {9.60497373987051638749E0, 9.00260197203842689217E1,
        2.23200534594684319226E3, 7.00332514112805075473E3, 5.55923013010394962768E4};
    private static final double[] U = {3.35617141647503099647E1, 5.21357949780152679795E2,
        4.59432382970980127987E3, 2.26290000613890934246E4, 4.92673942608635921086E4};
    private static final double[] P = {2.46196981473530512524E-10, 5.64189564831068821977E-1,
        7.46321056442269912687E0, 4.86371970985681366614E1, 1.96520832956077098242E2, 5.26445194995477358631E2,
        9.34528527171957607540E2, 1.02755188689515710272E3, 5.57535335369399327526E2};
    private static final double[] Q = {1.32281951154744992508E1, 8.67072140885989742329E1,
        3.54937778887819891062E2, 9.75708501743205489753E2, 1.82390916687909736289E3, 2.24633760818710981792E3,
        1.65666309194161350182E3, 5.57535340817727675546E2};
    private static final double[] R = {5.64189583547755073984E-1, 1.27536670759978104416E0,
        5.01905042251180477414E0, 6.16021097993053585195E0, 7.40974269950448939160E0, 2.97886665372100240670E0};
    private static final double[] S = {2.26052863220117276590E0, 9.39603524938001434673E0,
        1.20489539808096656605E1, 1.70814450747565897222E1, 9.60896809063285878198E0, 3.36907645100081516050E0};

    private NormalCdf() {
    }

    /** P(Z <= a) for a standard normal Z. */
    static double cdf(double a) {
        double x = a * SQRT_HALF;
        double z = Math.abs(x);
        if (z < SQRT_HALF) {
            return 0.5 + 0.5 * erf(x);
        }
        double y = 0.5 * erfc(z);
        return x > 0 ? 1.0 - y : y;
    }

    static double erf(double x) {
        if (Math.abs(x) > 1.0) {
            return 1.0 - erfc(x);
        }
        double z = x * x;
        return x * polevl(z, T, 4) / p1evl(z, U, 5);
    }

    static double erfc(double a) {
        double x = Math.abs(a);
        if (x < 1.0) {
            return 1.0 - erf(a);
        }
        double z = -a * a;
        if (z < -MAX_LOG) {
            return a < 0 ? 2.0 : 0.0;
        }
        z = Math.exp(z);
        double p;
        double q;
        if (x < 8.0) {
            p = polevl(x, P, 8);
            q = p1evl(x, Q, 8);
        } else {
            p = polevl(x, R, 5);
            q = p1evl(x, S, 6);
        }
        double y = (z * p) / q;
        if (a < 0) {
            y = 2.0 - y;
        }
        if (y == 0.0) {
            return a < 0 ? 2.0 : 0.0;
        }
        return y;
    }

    private static double polevl(double x, double[] coef, int n) {
        double ans = coef[0];
        for (int i = 1; i <= n; i++) {
            ans = ans * x + coef[i];
        }
        return ans;
    }

    /** As polevl with an implicit leading coefficient of 1. */
    private static double p1evl(double x, double[] coef, int n) {
        double ans = x + coef[0];
        for (int i = 1; i < n; i++) {
            ans = ans * x + coef[i];
        }
        return ans;
    }
}
