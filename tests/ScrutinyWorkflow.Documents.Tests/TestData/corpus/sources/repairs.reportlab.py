"""Makes repairs.reportlab.pdf with ReportLab (Debian's python3-reportlab 3.6): a running header and footer on every
page, numbered narrative headings, and the questions in a ruled two-column table whose label cells span their
area's rows, with the table broken across a page. Run from the corpus folder: /usr/bin/python3 sources/repairs.reportlab.py"""
import json
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

expected = json.load(open("repairs.expected.json"))
styles = getSampleStyleSheet()
body = styles["BodyText"]
cell = styles["BodyText"]


def running(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(2 * cm, A4[1] - 1.2 * cm, "Public Services Ombudsman for Wales | Focus report: housing repairs")
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {doc.page}")
    canvas.restoreState()


story = [
    Paragraph(expected["title"], styles["Title"]),
    Paragraph("Published January 2026", body),
    Paragraph("1. Why we looked at repairs", styles["Heading1"]),
]
narrative = ("Complaints about repairs to council and housing association homes have risen every year since 2021. "
             "Tenants told us about damp and mould that returned after each visit, about appointments missed without "
             "notice, and about complaints that were closed when the job was booked rather than when it was done. ")
for _ in range(4):
    story.append(Paragraph(narrative * 2, body))
story.append(Paragraph("2. What good looks like", styles["Heading1"]))
story.append(Paragraph(narrative, body))
story.append(Paragraph("3. Questions for councillors", styles["Heading1"]))
story.append(Paragraph("The table sets out questions councillors may ask, grouped by area of focus.", body))

rows = [[Paragraph("<b>Area of focus</b>", cell), Paragraph("<b>Questions to ask</b>", cell)]]
spans = []
for area in expected["areas"]:
    first = len(rows)
    for i, question in enumerate(area["questions"]):
        rows.append([Paragraph(area["heading"], cell) if i == 0 else "", Paragraph(question, cell)])
    spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
table = Table(rows, colWidths=[4 * cm, 13 * cm], repeatRows=1)
table.setStyle(TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
] + spans))
story += [table, Spacer(1, 12), Paragraph("4. What happens next", styles["Heading1"]),
          Paragraph("We will ask each council for its response within three months.", body)]
SimpleDocTemplate("repairs.reportlab.pdf", pagesize=A4, title=expected["title"], author="PSOW",
                  topMargin=2 * cm, bottomMargin=2 * cm).build(story, onFirstPage=running, onLaterPages=running)
