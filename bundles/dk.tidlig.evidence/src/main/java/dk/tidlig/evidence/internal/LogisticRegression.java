// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least squares): each step
 * solves {@code (X'WX + λI) Δ = X'(y - p) - λβ} with Apache Commons Math's Cholesky decomposition. The intercept is not
 * penalised. Deterministic: the same data give the same coefficients.
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;

    /**
     * Fitted coefficients: the intercept, then one per feature; {@code converged} false when Newton's steps had not become
     * small after {@value #MAX_ITERATIONS} (the weights then run off to infinity: the features part the outcomes wholly).
     */
    public record Fit(double intercept, double[] coefficients, int iterations, boolean converged) {
        public double probability(double[] x) {
            double z = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                z += coefficients[j] * x[j];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    private LogisticRegression() {
    }

    /**
     * @param x      rows of features
     * @param y      outcomes, 0 or 1
     * @param lambda the L2 penalty on the coefficients (not the intercept); 0 for none
     */
    public static Fit fit(double[][] x, boolean[] y, double lambda) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("no data to fit");
        }
        int k = x[0].length + 1;
        double[] beta = new double[k];
        long positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("the outcome must occur for some and not for others (" + positives + " of " + n + ")");
        }
        double rate = positives / (double) n;
        beta[0] = Math.log(rate / (1 - rate));
        int iteration = 0;
        boolean converged = false;
        for (; iteration < MAX_ITERATIONS; iteration++) {
            double[][] h = new double[k][k];
            double[] g = new double[k];
            for (int i = 0; i < n; i++) {
                double z = beta[0];
                for (int j = 1; j < k; j++) {
                    z += beta[j] * x[i][j - 1];
                }
                double p = 1 / (1 + Math.exp(-z));
                double w = Math.max(p * (1 - p), 1e-12);
                double r = (y[i] ? 1 : 0) - p;
                for (int a = 0; a < k; a++) {
                    double xa = a == 0 ? 1 : x[i][a - 1];
                    g[a] += xa * r;
                    for (int b = a; b < k; b++) {
                        double xb = b == 0 ? 1 : x[i][b - 1];
                        h[a][b] += w * xa * xb;
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    h[a][b] = h[b][a];
                }
                if (a > 0) {
                    h[a][a] += lambda;
                    g[a] -= lambda * beta[a];
                }
            }
            RealMatrix hessian = new Array2DRowRealMatrix(h, false);
            RealVector step;
            try {
                step = new CholeskyDecomposition(hessian, 1e-10, 1e-12).getSolver().solve(new ArrayRealVector(g, false));
            } catch (NonPositiveDefiniteMatrixException e) {
                throw new IllegalArgumentException("the features are collinear or constant: add a penalty (lambda above 0)", e);
            }
            double largest = 0;
            for (int a = 0; a < k; a++) {
                beta[a] += step.getEntry(a);
                largest = Math.max(largest, Math.abs(step.getEntry(a)));
            }
            if (largest < TOLERANCE) {
                iteration++;
                converged = true;
                break;
            }
        }
        double[] coefficients = new double[k - 1];
        System.arraycopy(beta, 1, coefficients, 0, k - 1);
        return new Fit(beta[0], coefficients, iteration, converged);
    }
}
