package io.tlsuite.agent.cli;

import java.io.PrintStream;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell. */
final class Table {
    private Table() {}

    static void print(PrintStream out, String[] header, List<String[]> rows) {
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length && i < w.length; i++) {
                w[i] = Math.max(w[i], r[i] == null ? 4 : r[i].length());
            }
        }
        line(out, header, w);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            sep.append("-".repeat(w[i])).append(i < w.length - 1 ? "  " : "");
        }
        out.println(sep);
        for (String[] r : rows) {
            line(out, r, w);
        }
    }

    private static void line(PrintStream out, String[] cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.length && cells[i] != null ? cells[i] : "";
            b.append(i < w.length - 1 ? String.format("%-" + w[i] + "s  ", c) : c);
        }
        out.println(b.toString().stripTrailing());
    }
}
