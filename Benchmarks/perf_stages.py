#!/usr/bin/env python3
"""Shares of a `perf record -g` profile of the command line, by pipeline stage.

usage: perf record -F 5000 -g -o perf.data medextract extract --format jsonl --jobs 1 FILE > /dev/null
       Benchmarks/perf_stages.py perf.data

Each sample goes to the innermost frame of its call chain (from the leaf up)
that names a stage below, so a stage's share includes the allocations, copies
and reference counting done on its behalf; samples no stage claims are
"other". Stage patterns match this project's mangled Swift symbols; a
renamed type moves its samples to "other" (or to the stage that calls it).
See docs/BENCHMARKS.md for the table this prints.
"""
import collections
import re
import subprocess
import sys

# (stage, pattern), tried in this order on each frame.
STAGES = [
    ("lexicon scan", r"LexiconV9matchList"),
    ("normaliser", r"TextNormalizer"),
    ("layout model", r"LayoutModel"),
    ("figures", r"FigureRecognizer|FigureScanner"),
    ("procedures", r"ProcedureRecognizer"),
    ("hospitals", r"HospitalRecognizer|HospitalNameToken|HospitalShortForms"),
    ("departments", r"DepartmentRecognizer"),
    ("dictionary recogniser", r"DictionaryRecognizer"),
    ("alias pass", r"DocumentAliasPass"),
    ("overlap resolution", r"OverlapResolver"),
    ("linking", r"DocumentLinker|PlaceIndex|HospitalNames|LongestNames"),
    ("recognition context (clauses, match queries)", r"RecognitionContext"),
    ("ICU word breaks", r"icu_\d+|ubrk_|utext_"),
    ("offset translation", r"OffsetTranslator"),
    ("entity assembly", r"extractBatch"),
    ("candidates, other", r"extractCandidates"),
    ("JSON reading", r"JSONLineFields|parseJSONLine"),
    ("JSON writing", r"JSONLinesWriter|EntityJSON|ScratchWriter|OutputSink"),
    ("reading input", r"readJSONL|DocumentSource|LineReader"),
    ("construction and start-up", r"CompiledLexicon|ArchiveReader|ByteReader|Fingerprint|PlaceLookup|BuiltinSources|"
                                  r"AhoCorasick.*(laidOut|checkLaidOut)|HospitalRegistry|ArgumentParser|_dl_|dispatch"),
]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    patterns = [(name, re.compile(p)) for name, p in STAGES]
    try:
        script = subprocess.run(["perf", "script", "-i", sys.argv[1], "-F", "ip,sym"],
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"perf_stages.py: cannot read {sys.argv[1]} with perf script: {error}", file=sys.stderr)
        return 1
    counts: collections.Counter[str] = collections.Counter()
    total = 0
    for sample in script.split("\n\n"):
        frames = [line.strip().split(" ", 1)[-1] for line in sample.strip().split("\n") if line.strip()]
        if not frames:
            continue
        total += 1
        stage = next((name for frame in frames for name, p in patterns if p.search(frame)), "other")
        counts[stage] += 1
    if total == 0:
        print("perf_stages.py: no samples", file=sys.stderr)
        return 1
    print(f"{total} samples")
    for stage, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {stage}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
