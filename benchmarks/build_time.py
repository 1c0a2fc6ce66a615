"""Build-time benchmark: the same N questions from YAML banks versus written inline for mkdocs-quiz.

Prints the median build time of each variant, their ratio, and the time per question, for
N = 10, 100 and 1000 (ten questions per page). Nothing is asserted: machines are shared and
noisy, so compare the ratios measured in one run.

    .venv/bin/python benchmarks/build_time.py [--repeats 3] [--sizes 10 100 1000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support import write_site  # noqa: E402

PER_PAGE = 10


def question(n: int) -> tuple[str, str]:
    """One single-choice question with per-option feedback and an explanation, as YAML and as inline quiz."""
    yaml_text = f"""  - id: q{n}
    type: single
    question: Question {n}. Which statement about fine-tuning is correct?
    options:
      - text: It adapts a pre-trained model to task {n} with labelled examples
        correct: true
        feedback: Right, this is transfer learning applied to task {n}.
      - text: It trains a model from scratch for task {n}
        feedback: No, fine-tuning starts from a pre-trained model.
      - text: It removes the need for evaluation of task {n}
        feedback: No, a fine-tuned model still needs evaluating.
    explanation: Fine-tuning saves compute **relative to training from scratch** (question {n}).
"""
    inline = f"""<quiz>
Question {n}. Which statement about fine-tuning is correct?
- [x] It adapts a pre-trained model to task {n} with labelled examples
> Right, this is transfer learning applied to task {n}.
- [ ] It trains a model from scratch for task {n}
> No, fine-tuning starts from a pre-trained model.
- [ ] It removes the need for evaluation of task {n}
> No, a fine-tuned model still needs evaluating.

Fine-tuning saves compute **relative to training from scratch** (question {n}).
</quiz>
"""
    return yaml_text, inline


def make_sites(base: Path, total: int) -> tuple[Path, Path]:
    yaml_pages: dict[str, str] = {"index.md": "# Home\n"}
    inline_pages: dict[str, str] = {"index.md": "# Home\n"}
    banks: dict[str, str] = {}
    for page in range(total // PER_PAGE):
        numbers = range(page * PER_PAGE, (page + 1) * PER_PAGE)
        pairs = [question(n) for n in numbers]
        banks[f"page-{page}.yml"] = "questions:\n" + "".join(y for y, _ in pairs)
        yaml_pages[f"page-{page}.md"] = f"# Page {page}\n\nSome prose.\n\n<!-- quiz: page-{page} -->\n"
        inline_pages[f"page-{page}.md"] = (
            f"---\nquiz:\n  enabled: true\n---\n# Page {page}\n\nSome prose.\n\n" + "\n".join(i for _, i in pairs)
        )
    return write_site(base / "yaml", yaml_pages, banks), write_site(base / "inline", inline_pages, {})


def time_build(config: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(config.parent / "site")],
        check=True,
        capture_output=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()
    print(
        f"{'N':>6} {'pages':>6} {'YAML s':>8} {'inline s':>9} {'YAML/inline':>12} {'YAML ms/q':>10} {'inline ms/q':>12}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for total in args.sizes:
            yaml_config, inline_config = make_sites(Path(tmp) / str(total), total)
            yaml_times, inline_times = [], []
            for _ in range(args.repeats):  # interleaved, so drift on a shared machine hits both alike
                yaml_times.append(time_build(yaml_config))
                inline_times.append(time_build(inline_config))
            y, i = statistics.median(yaml_times), statistics.median(inline_times)
            print(
                f"{total:>6} {total // PER_PAGE:>6} {y:>8.2f} {i:>9.2f} {y / i:>12.3f}"
                f" {1000 * y / total:>10.1f} {1000 * i / total:>12.1f}"
            )


if __name__ == "__main__":
    main()
