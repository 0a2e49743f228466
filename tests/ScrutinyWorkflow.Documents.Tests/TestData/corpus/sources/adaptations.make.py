"""Makes adaptations.handwritten.html and adaptations.wkhtmltopdf.pdf: a page set in two columns as floated blocks (the
Qt WebKit in Debian's wkhtmltopdf 0.12.6 knows no CSS columns), the questions section starting at the foot of the
left column and running on at the top of the right, the areas as <h3> over <ol> lists.
Run from the corpus folder: /usr/bin/python3 sources/adaptations.make.py"""
import html
import json
import subprocess

e = json.load(open("adaptations.expected.json"))


def area(a):
    items = "\n".join(f"  <li>{html.escape(q)}</li>" for q in a["questions"])
    return f"<h3>{html.escape(a['heading'])}</h3>\n<ol>\n{items}\n</ol>"


summary = """<h2>Summary</h2>
<p>Disabled facilities grants pay for adaptations such as stairlifts, level-access showers and ramps, so that disabled
people can live safely and independently at home. We looked at complaints about grants made by councils in Wales and
found long waits at every stage, from the first assessment to the finished work.</p>
<p>Some people waited more than a year. Several died before the work was done. Councils told us that a shortage of
occupational therapists and of builders willing to do the work lies behind most delays.</p>
<p>We also found that applicants are rarely told how long they can expect to wait, or what they may have to pay
towards the cost of the work. Where a council places a charge on the home, the terms are not always explained.</p>"""
left = summary + "\n<h2>Questions for councillors</h2>\n<p>We suggest that councillors ask the following questions of their council.</p>\n" + area(e["areas"][0]) + "\n" + area(e["areas"][1])
right = area(e["areas"][2]) + """
<h2>About this report</h2>
<p>This report is one of a series of focus reports on themes that recur in the complaints we receive. It is based on
complaints we closed between April 2024 and September 2025.</p>
<p>Public Services Ombudsman for Wales, 1 Ffordd yr Hen Gae, Pencoed CF35 5LJ.</p>"""
page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(e['title'])}</title>
<style>
  body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35; }}
  .column {{ float: left; width: 47%; }}
  .column + .column {{ margin-left: 6%; }}
  h1 {{ font-size: 22pt; }} h2 {{ font-size: 14pt; }} h3 {{ font-size: 11pt; }}
  ol {{ padding-left: 1.4em; }}
</style>
</head>
<body>
<h1>{html.escape(e['title'])}</h1>
<p>Published November 2025</p>
<div class="column">
{left}
</div>
<div class="column">
{right}
</div>
</body>
</html>
"""
open("adaptations.handwritten.html", "w").write(page)
subprocess.run(["wkhtmltopdf", "--quiet", "--title", e["title"], "adaptations.handwritten.html", "adaptations.wkhtmltopdf.pdf"], check=True)
