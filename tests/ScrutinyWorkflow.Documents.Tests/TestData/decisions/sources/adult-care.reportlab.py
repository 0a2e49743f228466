"""Makes adult-care.reportlab.pdf with ReportLab (Debian's python3-reportlab 3.6) from sources/adult-care.md, set as
the Ombudsman sets a final decision: the date, reference and council at the top, bold section headings, numbered
paragraphs, the agreed actions as bullets, a footer on every page, and the page broken in the middle of the first list
of actions, so that its third bullet starts page 2 of 2. Run from the decisions folder:
/usr/bin/python3 sources/adult-care.reportlab.py"""
import sys

sys.path.insert(0, "sources")
from statement import blocks  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate  # noqa: E402

styles = getSampleStyleSheet()
body = styles["BodyText"]
bullet = styles["Bullet"]
heading = styles["Heading3"]
heading.spaceBefore, heading.spaceAfter = 4, 2
for style in (body, bullet):
    style.fontSize, style.leading = 9, 11
bullet.leftIndent = 28
bullet.bulletIndent = 14


def footer(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(2 * cm, 1.2 * cm, "Final decision 23 012 345")
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, str(doc.page))
    canvas.restoreState()


story = []
bullets = 0
for kind, text in blocks("sources/adult-care.md"):
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    if kind == "heading":
        story.append(Paragraph(f"<b>{text}</b>", heading))
    elif kind == "bullet":
        bullets += 1
        story.append(Paragraph(text, bullet, bulletText="\u2022"))
        if bullets == 2:
            story.append(PageBreak())
    else:
        story.append(Paragraph(text, body))
SimpleDocTemplate("adult-care.reportlab.pdf", pagesize=A4, title="Final decision 23 012 345", author="LGSCO",
                  topMargin=1.5 * cm, bottomMargin=2 * cm).build(story, onFirstPage=footer, onLaterPages=footer)
