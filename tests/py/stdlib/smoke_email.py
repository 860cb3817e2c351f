# email: parse a message (headers, multipart walk, payload decoding,
# encoded words, addresses), build one with EmailMessage, policies,
# utils (parseaddr, formataddr, parsedate, format_datetime).
import email
import email.policy
import email.utils
from email.message import EmailMessage
from email.header import decode_header, Header

raw = b"""From: =?utf-8?q?J=C3=BCrgen?= <jurgen@example.com>
To: Alice <alice@example.com>, bob@example.org
Subject: =?utf-8?b?SGVsbG8gd8O2cmxk?=
Date: Tue, 05 Mar 2024 10:20:30 +0100
Message-ID: <abc@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

preamble
--XYZ
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Gr=C3=BC=C3=9Fe,
second line
--XYZ
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

AAECAwQ=
--XYZ--
"""
m = email.message_from_bytes(raw)
print(m["Subject"], "|", m["From"], "|", m.get_content_type(), m.is_multipart(), m.get_boundary())
print(decode_header(m["Subject"]), m.get_all("To"), sorted(m.keys()))
for part in m.walk():
    print(part.get_content_type(), part.get_content_maintype(), part.get_filename(), part.get_content_charset())
text, att = m.get_payload()
print(repr(text.get_payload(decode=True).decode("utf-8")), att.get_payload(decode=True), repr(m.preamble))
n = email.message_from_bytes(raw, policy=email.policy.default)
print(n["Subject"], "|", n["From"].addresses[0].display_name, n["From"].addresses[0].addr_spec, len(n["To"].addresses))
print(n["Date"].datetime.isoformat(), repr(n.get_body(("plain",)).get_content()))
print([a.get_filename() for a in n.iter_attachments()], n.get_body(("plain",)).get_content_charset())
print(email.utils.parseaddr("Name <n@x.org>"), email.utils.formataddr(("Müller", "m@x.de")), email.utils.getaddresses(["a@b, C <c@d>"]))
print(email.utils.parsedate_to_datetime("Tue, 05 Mar 2024 10:20:30 +0100"), email.utils.parsedate("5 Mar 2024 10:20:30"))
import datetime
print(email.utils.format_datetime(datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)), email.utils.quote('a"b'))
e = EmailMessage()
e["From"] = "me@example.com"
e["To"] = "you@example.com"
e["Subject"] = "Grüße"
e.set_content("Body text é\n")
e.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream", filename="x.bin")
out = e.as_string()
print(e.get_content_type(), e.is_multipart(), "=?utf-8?q?Gr=C3=BC=C3=9Fe?=" in out, "Content-Disposition: attachment" in out)
back = email.message_from_string(out, policy=email.policy.default)
print(back["Subject"], back.get_body().get_content(), end="")
print(str(Header("Grüße", "utf-8")), Header("plain").encode(), email.message_from_string("Subject: s\n\nbody").get_payload())
print(email.policy.SMTP.linesep == "\r\n", email.policy.default.max_line_length, m.defects, n.defects)
