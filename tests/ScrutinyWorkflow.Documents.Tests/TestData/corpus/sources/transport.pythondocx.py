"""Makes transport.pythondocx.docx with python-docx (Debian's python3-docx 0.8): Word's built-in heading styles, the
questions numbered by Word's own "List Number" numbering (the numbers are not in the text), one area's questions in
a two-column table numbered by hand ("2.1"), a running header and footer. Run from the corpus folder: /usr/bin/python3 sources/transport.pythondocx.py"""
import json
from docx import Document

expected = json.load(open("transport.expected.json"))
document = Document()
section = document.sections[0]
section.header.paragraphs[0].text = "Public Services Ombudsman for Wales"
section.footer.paragraphs[0].text = "Focus report: school transport | February 2026"
document.core_properties.title = expected["title"]
document.add_heading(expected["title"], level=0)
document.add_paragraph("Published February 2026")
document.add_heading("Background", level=1)
for _ in range(3):
    document.add_paragraph(
        "Councils must arrange free transport for learners who live beyond walking distance of their nearest suitable "
        "school. The complaints we receive show that families are often unsure how distance was measured, how to "
        "appeal, and what happens when a route is withdrawn part way through the school year.")
document.add_heading("Questions for scrutiny", level=1)
document.add_paragraph("Members may find the following questions useful when scrutinising their council's service.")
for number, area in enumerate(expected["areas"]):
    document.add_heading(area["heading"], level=2)
    if number == 1:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for position, question in enumerate(area["questions"], start=1):
            cells = table.add_row().cells
            cells[0].text = f"{number + 1}.{position}"
            cells[1].text = question
    else:
        for question in area["questions"]:
            document.add_paragraph(question, style="List Number")
document.add_heading("Contact us", level=1)
document.add_paragraph("You can contact us by phone, by email or through our website.")
document.save("transport.pythondocx.docx")
