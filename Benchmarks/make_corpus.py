#!/usr/bin/env python3
"""Builds a JSONL corpus for timing the command line: make_corpus.py OUT.jsonl MB

Writes `{"id", "text"}` lines (the input of `medextract extract`) until the
file holds about MB megabytes (10^6 bytes). The texts are the seed documents
(seeds/*.txt of this repository) and, when the file is present, the texts of
the news dev set (default: ../shared/eval/news.gold.jsonl next to the
repository, or --news PATH), read at run time: no text is copied into the
repository. The documents are taken in turn, each with its own id.

--single-line writes one document instead: all texts joined by newlines,
repeated until the text is about MB megabytes, on one line (the memory
probe's input).
"""

import argparse
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_texts(news_path, use_news):
    texts = []
    seeds = os.path.join(REPO, "seeds")
    for name in sorted(os.listdir(seeds)):
        if name.endswith(".txt"):
            with open(os.path.join(seeds, name), encoding="utf-8") as f:
                texts.append(("seed-" + os.path.splitext(name)[0], f.read()))
    news = 0
    if use_news and news_path and os.path.exists(news_path):
        with open(news_path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                text = record.get("text")
                if isinstance(text, str) and text:
                    texts.append(("news-" + str(record.get("id", number)), text))
                    news += 1
    return texts, news


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the JSONL file to write")
    parser.add_argument("mb", type=float, help="about how many megabytes (10^6 bytes) to write")
    parser.add_argument("--news", default=os.path.join(os.path.dirname(REPO), "shared", "eval", "news.gold.jsonl"),
                        help="JSONL whose \"text\" fields are added to the seeds, if the file exists")
    parser.add_argument("--no-news", action="store_true", help="use the seeds only")
    parser.add_argument("--single-line", action="store_true", help="write one document of about MB megabytes")
    args = parser.parse_args()

    texts, news = read_texts(args.news, not args.no_news)
    if not texts:
        sys.exit("make_corpus.py: no texts (seeds/*.txt missing?)")
    target = int(args.mb * 1_000_000)
    size = lines = 0
    with open(args.out, "w", encoding="utf-8") as out:
        if args.single_line:
            parts, length, i = [], 0, 0
            prefix = len('{"id": "single", "text": ""}\n')
            while prefix + length < target:
                text = texts[i % len(texts)][1] + "\n"
                parts.append(text)
                length += len(json.dumps(text, ensure_ascii=False).encode("utf-8")) - 2
                i += 1
            line = json.dumps({"id": "single", "text": "".join(parts)}, ensure_ascii=False) + "\n"
            out.write(line)
            size, lines = len(line.encode("utf-8")), 1
        else:
            n = 0
            while size < target:
                name, text = texts[n % len(texts)]
                line = json.dumps({"id": f"{name}-{n}", "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                size += len(line.encode("utf-8"))
                lines += 1
                n += 1
    print(f"{args.out}: {lines} lines, {size} bytes ({len(texts) - news} seed texts, {news} news texts)", file=sys.stderr)


if __name__ == "__main__":
    main()
