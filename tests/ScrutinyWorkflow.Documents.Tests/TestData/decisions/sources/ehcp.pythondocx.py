"""Makes ehcp.pythondocx.docx with python-docx (Debian's python3-docx) from sources/ehcp.md: Word's heading styles for
the sections, plain paragraphs with their numbers typed in, as a caseworker's Word template has them. Run from the
decisions folder: /usr/bin/python3 sources/ehcp.pythondocx.py"""
import sys

sys.path.insert(0, "sources")
from statement import blocks  # noqa: E402
from docx import Document  # noqa: E402

document = Document()
for kind, text in blocks("sources/ehcp.md"):
    if kind == "heading":
        document.add_heading(text, level=2)
    elif kind == "bullet":
        document.add_paragraph(text, style="List Bullet")
    else:
        document.add_paragraph(text)
document.save("ehcp.pythondocx.docx")
