package io.winnow.tokenization;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * "Scaling Laws with Vocabulary" (Tao et al. 2024): f(V), FLOPs with vocabulary parameters, and the
 * compute-optimal vocabulary by the three approaches, with the constants of the released tool
 * ({@code optimal_Nv_predict.py}, {@code utils.py}). Every prediction returns N_v (vocabulary
 * parameters, truncated to a whole number as the tool does) and V = N_v / d, truncated.
 */
public final class VocabScalingLaw {
    /** Approach 1 (IsoFLOPs) fits: N_nv = e^K1 C^0.5, N_v = e^K2 C^alpha. */
    public static final double K1 = -2.4846510161625193;
    public static final double K2 = -1.589031299255507;
    public static final double ALPHA_NV = 0.4163622634135234;
    /** Approach 2: anchor (33M model, C = 2.7e17) and the fitted gamma. */
    public static final double ANCHOR_NV = 3_145_728;
    public static final double ANCHOR_NNV = 33_000_000;
    public static final double GAMMA = 0.8353974035228025;
    /** The N_nv grid approach2_derivative.py solves dC/dV = 0 on to fit gamma. */
    public static final List<Double> GAMMA_GRID = List.of(33e6, 85e6, 151e6, 302e6, 631e6, 1130e6, 2870e6);
    /** Approach 3 loss-fit constants (units: N_nv in millions, V and d in thousands, D in billions, C in 1e15). */
    public static final double A1 = 1.8313851559554126;
    public static final double A2 = 0.19584238398665638;
    public static final double B = 2.1241123120064955;
    public static final double E = 5.5327846803337435;
    public static final double ALPHA1 = 0.44660634152009615;
    public static final double ALPHA2 = 0.6707374679896795;
    public static final double BETA = 0.44660634152009615;

    /** V is capped at this inside the logarithm of f(V). */
    public static final double V_CAP = 200_000;

    private VocabScalingLaw() {}

    /** Tokens per character f(V) = a (ln V)^2 + b ln V + c, V capped at 200k inside the log. */
    public record TokensPerCharacter(double a, double b, double c) {
        public static final TokensPerCharacter PAPER = new TokensPerCharacter(0.00639222, -0.15811069, 1.20470122);

        public double at(double vocabSize) {
            double l = Math.log(Math.min(vocabSize, V_CAP));
            return a * l * l + b * l + c;
        }

        /** df/dV (zero above the cap). */
        public double derivative(double vocabSize) {
            if (vocabSize >= V_CAP) {
                return 0;
            }
            return (2 * a * Math.log(vocabSize) + b) / vocabSize;
        }

        /** Least-squares fit of the quadratic in ln V to measured (V, tokens per character). */
        public static TokensPerCharacter fit(double[] vocabSizes, double[] tokensPerChar) {
            if (vocabSizes.length != tokensPerChar.length || vocabSizes.length < 3) {
                throw new IllegalArgumentException("need at least 3 measured sizes to fit f(V), got " + vocabSizes.length);
            }
            double[][] m = new double[3][4];
            for (int i = 0; i < vocabSizes.length; i++) {
                double l = Math.log(Math.min(vocabSizes[i], V_CAP));
                double[] x = {l * l, l, 1};
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        m[r][c] += x[r] * x[c];
                    }
                    m[r][3] += x[r] * tokensPerChar[i];
                }
            }
            double[] s = solve(m);
            return new TokensPerCharacter(s[0], s[1], s[2]);
        }
    }

    /** One prediction of the compute-optimal vocabulary. */
    public record Prediction(int approach, String fSource, double nonVocabParams, double embeddingWidth,
            double computeFlops, long vocabParams, long vocabSize, double trainingTokens, double trainingCharacters) {}

    /** The embedding width d the tool assumes for N_nv ({@code utils.Nnv_to_d}). */
    public static double embeddingWidth(double nnv) {
        double[][] table = {{50e6, 512}, {200e6, 768}, {500e6, 1024}, {1e9, 1536}, {2e9, 2048}, {5e9, 3200},
            {10e9, 4096}, {20e9, 5120}, {50e9, 6048}, {100e9, 8192}, {200e9, 12288}, {500e9, 16384}, {1e12, 20480}};
        for (double[] row : table) {
            if (nnv <= row[0]) {
                return row[1];
            }
        }
        return 24576;
    }

    /** C = 6 (N_nv + V d) H f(V) ({@code utils.func_flops}). */
    public static double flops(double nnv, double characters, double vocabSize, TokensPerCharacter f) {
        return 6 * (nnv + vocabSize * embeddingWidth(nnv)) * characters * f.at(vocabSize);
    }

    /** The compute-optimal budget for N_nv: C = (N_nv / e^K1)^2. */
    public static double optimalCompute(double nnv) {
        return Math.pow(nnv / Math.exp(K1), 2);
    }

    /** Approach 1 (IsoFLOPs power laws): N_v = e^K2 C^alpha with C = C_opt(N_nv). */
    public static long approach1VocabParams(double nnv) {
        return (long) (Math.exp(K2) * Math.pow(optimalCompute(nnv), ALPHA_NV));
    }

    /** Approach 2: N_v = 3,145,728 (N_nv / 33M)^gamma. */
    public static long approach2VocabParams(double nnv, double gamma) {
        return (long) (ANCHOR_NV * Math.pow(nnv / ANCHOR_NNV, gamma));
    }

    /**
     * The V solving dC/dV = 0 at fixed N_nv and H: d f(V) + (N_nv + d V) f'(V) = 0
     * ({@code approach2_derivative.dF_dV}); NaN when f has no such minimum below the cap.
     */
    public static double derivativeOptimalVocab(double nnv, TokensPerCharacter f) {
        double d = embeddingWidth(nnv);
        DoubleUnaryOperator dC = v -> d * f.at(v) + (nnv + d * v) * f.derivative(v);
        return bisectLog(dC, 2, V_CAP - 1);
    }

    /**
     * gamma re-derived as the tool's author did: solve dC/dV = 0 on {@link #GAMMA_GRID}, then fit
     * log(N_v/N_v,0) = gamma log(N_nv/N_nv,0) through the origin (least squares; the script uses a
     * Huber loss with delta 1e-3, which gives the same fit on these nearly collinear points).
     */
    public static double derivedGamma(TokensPerCharacter f) {
        double nnv0 = GAMMA_GRID.get(0);
        double nv0 = derivativeOptimalVocab(nnv0, f) * embeddingWidth(nnv0);
        double sxy = 0;
        double sxx = 0;
        for (int i = 1; i < GAMMA_GRID.size(); i++) {
            double nnv = GAMMA_GRID.get(i);
            double nv = derivativeOptimalVocab(nnv, f) * embeddingWidth(nnv);
            double x = Math.log(nnv / nnv0);
            double y = Math.log(nv / nv0);
            sxy += x * y;
            sxx += x * x;
        }
        return Math.min(sxy / sxx, 1.0);
    }

    /** Approach 3: the V solving dL/dV = 0 at a FLOPs budget (default C_opt(N_nv)). */
    public static long approach3VocabParams(double nnv, OptionalDouble computeFlops) {
        double d = embeddingWidth(nnv) / 1_000;
        double c = computeFlops.orElse(optimalCompute(nnv)) / 1e15;
        double n = nnv / 1_000_000;
        DoubleUnaryOperator dL = v -> {
            double term3 = -ALPHA2 * A2 * d / Math.pow(v * d, ALPHA2 + 1);
            double u = c / (6 * (n + v * d));
            double du = c * d / (6 * Math.pow(n + v * d, 2));
            return term3 + BETA * B * du / Math.pow(u, BETA + 1);
        };
        double v = bisectLog(dL, 1e-4, 1e6);
        return (long) (v * 1000 * d * 1000);
    }

    /** The predictions of approaches 1-3 for N_nv, with f (paper's or fitted) used where the approach needs it. */
    public static List<Prediction> predict(double nnv, OptionalDouble computeFlops, TokensPerCharacter f, String fSource,
            double gamma) {
        double d = embeddingWidth(nnv);
        double cOpt = optimalCompute(nnv);
        long nv1 = approach1VocabParams(nnv);
        long nv2 = approach2VocabParams(nnv, gamma);
        double c3 = computeFlops.orElse(cOpt);
        long nv3 = approach3VocabParams(nnv, OptionalDouble.of(c3));
        return List.of(prediction(1, fSource, nnv, d, cOpt, nv1, f), prediction(2, fSource, nnv, d, cOpt, nv2, f),
                prediction(3, fSource, nnv, d, c3, nv3, f));
    }

    private static Prediction prediction(int approach, String fSource, double nnv, double d, double c, long nv,
            TokensPerCharacter f) {
        long v = (long) (nv / d);
        double tokens = c / (6 * (nnv + nv));
        return new Prediction(approach, fSource, nnv, d, c, nv, v, tokens, tokens / f.at(v));
    }

    /** A root of {@code g} between lo and hi by bisection in log space; NaN without a sign change. */
    static double bisectLog(DoubleUnaryOperator g, double lo, double hi) {
        double a = Math.log(lo);
        double b = Math.log(hi);
        double ga = g.applyAsDouble(lo);
        double gb = g.applyAsDouble(hi);
        if (Double.isNaN(ga) || Double.isNaN(gb) || Math.signum(ga) == Math.signum(gb)) {
            return Double.NaN;
        }
        for (int i = 0; i < 200; i++) {
            double m = (a + b) / 2;
            double gm = g.applyAsDouble(Math.exp(m));
            if (Math.signum(gm) == Math.signum(ga)) {
                a = m;
                ga = gm;
            } else {
                b = m;
            }
        }
        return Math.exp((a + b) / 2);
    }

    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
