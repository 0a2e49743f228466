"""Reads a decision statement written in the small Markdown of sources/*.md: blank-line separated blocks, "## "
headings, "- " bullets, numbered paragraphs ("12. ...") kept as text, as the Ombudsman sets them."""


def blocks(path):
    for chunk in open(path, encoding="utf-8").read().split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("## "):
            yield ("heading", chunk[3:])
        elif chunk.startswith("- "):
            for line in chunk.split("\n"):
                yield ("bullet", line[2:].strip())
        else:
            yield ("paragraph", " ".join(chunk.split("\n")))
