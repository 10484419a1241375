package io.tidewatch.learners.anomaly;

import io.tidewatch.learners.codec.BodyArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * KitNET's feature mapper: incremental statistics from which the correlation distance {@code 1 - |corr|}-like
 * matrix {@code D = 1 - C / sqrt(c_rs c_rs^T)} (clipped at 0) is formed, then single-linkage hierarchical clustering
 * of the features, with any cluster larger than {@code maxCluster} split along the dendrogram until none is.
 */
final class CorrelationClusters {

    private final int n;
    private long count;
    private final double[] sum;
    private final double[] residualSquares;
    private final double[] coResidual;

    CorrelationClusters(int n) {
        this.n = n;
        this.sum = new double[n];
        this.residualSquares = new double[n];
        this.coResidual = new double[n * (n + 1) / 2];
    }

    void update(double[] x) {
        count++;
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            sum[i] += x[i];
            residual[i] = x[i] - sum[i] / count;
            residualSquares[i] += residual[i] * residual[i];
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            double ri = residual[i];
            for (int j = i; j < n; j++) {
                coResidual[k++] += ri * residual[j];
            }
        }
    }

    private double distance(int i, int j) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        double c = coResidual[a * n - a * (a - 1) / 2 + (b - a)];
        double norm = Math.sqrt(residualSquares[a]) * Math.sqrt(residualSquares[b]);
        if (norm == 0) {
            norm = 1e-100;
        }
        return Math.max(0.0, 1.0 - c / norm);
    }

    /** Feature indices per cluster, each cluster at most {@code maxCluster} features, in dendrogram order. */
    List<int[]> clusters(int maxCluster) {
        if (n == 1) {
            return List.of(new int[] {0});
        }
        // Single linkage is the minimum spanning tree's edges merged in increasing order (Prim, then Kruskal order).
        double[] best = new double[n];
        int[] from = new int[n];
        boolean[] inTree = new boolean[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int current = 0;
        inTree[0] = true;
        double[][] edges = new double[n - 1][];
        for (int e = 0; e < n - 1; e++) {
            int next = -1;
            for (int j = 0; j < n; j++) {
                if (inTree[j]) {
                    continue;
                }
                double d = distance(current, j);
                if (d < best[j]) {
                    best[j] = d;
                    from[j] = current;
                }
                if (next < 0 || best[j] < best[next]) {
                    next = j;
                }
            }
            inTree[next] = true;
            edges[e] = new double[] {best[next], from[next], next};
            current = next;
        }
        Arrays.sort(edges, (p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0])
                : p[1] != q[1] ? Double.compare(p[1], q[1]) : Double.compare(p[2], q[2]));
        int nodes = 2 * n - 1;
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        int[] size = new int[nodes];
        int[] parent = new int[nodes];
        int[] clusterOf = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            parent[i] = i;
            clusterOf[i] = i;
            size[i] = 1;
            left[i] = -1;
            right[i] = -1;
        }
        int next = n;
        for (double[] edge : edges) {
            int ra = find(parent, (int) edge[1]);
            int rb = find(parent, (int) edge[2]);
            int ca = clusterOf[ra];
            int cb = clusterOf[rb];
            left[next] = Math.min(ca, cb);
            right[next] = Math.max(ca, cb);
            size[next] = size[ca] + size[cb];
            parent[rb] = ra;
            clusterOf[ra] = next;
            next++;
        }
        List<int[]> out = new ArrayList<>();
        split(nodes - 1, maxCluster, left, right, size, out);
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void split(int node, int maxCluster, int[] left, int[] right, int[] size, List<int[]> out) {
        if (size[node] <= maxCluster) {
            int[] members = new int[size[node]];
            collect(node, left, right, members, 0);
            out.add(members);
            return;
        }
        split(left[node], maxCluster, left, right, size, out);
        split(right[node], maxCluster, left, right, size, out);
    }

    private int collect(int node, int[] left, int[] right, int[] members, int at) {
        if (node < n) {
            members[at] = node;
            return at + 1;
        }
        return collect(right[node], left, right, members, collect(left[node], left, right, members, at));
    }

    long memoryBytes() {
        return 48 + 8L * (2L * n + coResidual.length) + 48;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(count);
        BodyArrays.writeRows(out, sum, residualSquares);
        BodyArrays.writeValues(out, coResidual);
    }

    static CorrelationClusters read(int n, DataInput in) throws IOException {
        CorrelationClusters c = new CorrelationClusters(n);
        c.count = in.readLong();
        BodyArrays.readRows(in, c.sum, c.residualSquares);
        BodyArrays.readValues(in, c.coResidual);
        return c;
    }
}
