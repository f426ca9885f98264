#!/usr/bin/env python3
"""Per-seed scores of designs against their raw-input baselines, from the JSON files of
bench/versus_baselines.sh (evaluate --seeds --json). Run by hand:
  /usr/bin/python3 bench/plot_versus.py OUT.png LABEL=FILE.json [LABEL=FILE.json ...]
One panel per file: every seed's network alone, the two raw-input baselines, the raw input then the network
(stacked readout) and its null, as points, with the median as a bar."""
import json
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

SERIES = [  # (label, JSON key stem, colour)
    ("network alone", "", "#0072B2"),
    ("raw input, moments / last 10", "baseline", "#999999"),
    ("raw input, every step / best line", "strongBaseline", "#CC79A7"),
    ("raw input then network", "stacked", "#E69F00"),
    ("its null (rows shuffled)", "stackedNull", "#F0E442"),
]


def key(stem, metric):
    if not stem:
        return metric
    return stem + metric[0].upper() + metric[1:]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, panels = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
    fig, axes = plt.subplots(1, len(panels), figsize=(3.2 * len(panels), 3.6), squeeze=False)
    for ax, (label, path) in zip(axes[0], panels):
        rows = json.load(open(path))["seeds"]
        metric = "accuracy" if "accuracy" in rows[0] else "nrmse"
        for i, (name, stem, colour) in enumerate(SERIES):
            v = [r[key(stem, metric)] for r in rows if key(stem, metric) in r]
            if not v:
                continue
            v = [100 * x for x in v] if metric == "accuracy" else v
            m = sorted(v)[len(v) // 2] if len(v) % 2 else sum(sorted(v)[len(v) // 2 - 1:len(v) // 2 + 1]) / 2
            ax.bar(i, m, color=colour, alpha=0.5, width=0.8, label=name)
            ax.scatter([i + (j - (len(v) - 1) / 2) * 0.08 for j in range(len(v))], v, color=colour, edgecolor="black", s=14, zorder=3)
        ax.set_title(label, fontsize=9)
        ax.set_xticks([])
        ax.set_ylabel("test accuracy (%)" if metric == "accuracy" else "NRMSE (lower is better)", fontsize=8)
        lo = min(p.get_height() for p in ax.patches)
        ax.set_ylim(max(0, lo - (10 if metric == "accuracy" else 0.05)), 100.5 if metric == "accuracy" else None)
        ax.tick_params(labelsize=8)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(SERIES), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
