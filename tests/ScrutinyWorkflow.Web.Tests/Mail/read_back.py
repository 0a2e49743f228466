"""Reads an .eml file with Python's email package and compares it with the values expected, given as JSON on
standard input. Prints every difference and exits 1 when there is one, so a header or a part that another mail
tool would read differently fails the test."""
import email
import email.policy
import json
import sys


def addresses(header):
    return [] if header is None else [[a.display_name, a.addr_spec] for a in header.addresses]


def body(message, subtype):
    part = message.get_body(preferencelist=(subtype,))
    return None if part is None else part.get_content().replace("\r\n", "\n")


def defects(message):
    found = [type(d).__name__ for d in message.defects]
    found += [f"{name}: {type(d).__name__}" for name, value in message.items() for d in getattr(value, "defects", [])]
    for part in message.iter_parts():
        found += defects(part)
    return found


with open(sys.argv[1], "rb") as file:
    message = email.message_from_binary_file(file, policy=email.policy.default)

date = message["Date"]
read = {
    "content_type": message.get_content_type(),
    "from": addresses(message["From"]),
    "to": addresses(message["To"]),
    "cc": addresses(message["Cc"]),
    "subject": None if message["Subject"] is None else str(message["Subject"]),
    "date": None if date is None or date.datetime is None else date.datetime.isoformat(),
    "message_id": None if message["Message-ID"] is None else str(message["Message-ID"]).strip(),
    "text": body(message, "plain"),
    "html": body(message, "html"),
    "defects": defects(message),
}
expected = json.loads(sys.stdin.buffer.read())
differences = [f"{key}: expected {expected[key]!r}, read {read[key]!r}" for key in expected if read.get(key) != expected[key]]
differences += [f"{key}: not checked" for key in read if key not in expected]
print("\n".join(differences) if differences else "same")
sys.exit(1 if differences else 0)
