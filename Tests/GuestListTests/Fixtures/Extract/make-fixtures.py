#!/usr/bin/env python3
"""Writes the Extract fixtures byte for byte, the way each spreadsheet app writes them.

Run from this folder: python3 make-fixtures.py. The files are committed; this script documents them.
"""

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

header = "Full Name,E-mail,Start,Time zone,Company,Notes"

# Excel for Windows, "CSV UTF-8 (Comma delimited)": BOM, CRLF between rows, LF inside a cell,
# quotes doubled, an emptied row written as commas, final CRLF.
write("excel-windows.csv", ("\ufeff" + "\r\n".join([
    header,
    'Taro Yamada,taro@example.com,2030-03-16 11:00,Asia/Tokyo,"Acme, Inc.",',
    ',,,,,',
    'Hanako Sato,hanako@example.com,2030-03-16 11:30,JST,Globex,"Line one\nLine two"',
    '"John ""JJ"" Smith",john@example.com,2030-03-16 12:00,PST,,"Said ""hi"""',
]) + "\r\n").encode("utf-8"))

# Excel for Mac, old "CSV (Macintosh)": CR line ends, no BOM.
write("excel-mac-cr.csv", "\r".join([
    header,
    'Ann Lee,ann@example.com,2030-03-16 11:00,Asia/Tokyo,Initech,"multi\rline"',
    'Bob Ray,bob@example.com,2030-03-16 11:30,Asia/Tokyo,,',
]).encode("utf-8") + b"\r")

# Google Sheets download: no BOM, CRLF, no line end after the last row.
write("google-sheets.csv", "\r\n".join([
    header,
    'Ann Lee,ann@example.com,2030-03-16 11:00,Asia/Tokyo,Initech,',
    'Bob Ray,bob@example.com,2030-03-16 11:30,Asia/Tokyo,,"a ""quoted"" word"',
]).encode("utf-8"))

# Numbers in a European locale: semicolons, LF, UTF-8 without BOM, decimal commas in a cell.
write("numbers-semicolon.csv", "\n".join([
    header.replace(",", ";"),
    'Zoë Müller;zoe@example.de;2030-03-16 11:00;Europe/Berlin;"Müller; Söhne";12,5',
    'Jörg Weiß;jorg@example.de;2030-03-16 11:30;CET;;',
]).encode("utf-8") + b"\n")

# Excel "Unicode Text": UTF-16LE with BOM, tab separated, CRLF.
write("excel-unicode-text.txt", ("\ufeff" + "\r\n".join([
    header.replace(",", "\t"),
    'Taro Yamada\ttaro@example.com\t2030-03-16 11:00\tAsia/Tokyo\t山田商事\t',
    '花子\thanako@example.com\t2030-03-16 11:30\tJST\t\t"二行\r\nの備考"',
]) + "\r\n").encode("utf-16-le"))

# UTF-16BE with BOM, commas.
write("utf16be.csv", ("\ufeff" + "\n".join([header, 'Taro Yamada,taro@example.com,2030-03-16 11:00,Asia/Tokyo,山田商事,']) + "\n").encode("utf-16-be"))

# Japanese Excel "CSV (Comma delimited)": CP932, CRLF, no BOM. ① and ～ are CP932-only.
sjis_rows = [
    "氏名,メールアドレス,開始,タイムゾーン,会社,備考",
    "山田 太郎,taro@example.com,2030/03/16 11:00,Asia/Tokyo,株式会社①,ﾃｽﾄ",
    "佐藤 花子,hanako@example.com,2030/03/16 11:30,JST,\"表計算, 会社\",～よろしく～",
]
write("excel-japanese-sjis.csv", "\r\n".join(sjis_rows).encode("cp932") + b"\r\n")

# A CP932 file with a broken byte pair in row 2 (0x81 followed by 0x20, not a trail byte).
broken = ("\r\n".join(sjis_rows[:2]) + "\r\n").encode("cp932") + b"Bad,bad@example.com,2030/03/16 12:00,JST,\x81 x,\r\n" + (sjis_rows[2] + "\r\n").encode("cp932")
write("sjis-bad-bytes.csv", broken)

# UTF-8 with a stray 0xFF in row 2 (line 3).
write("utf8-bad-bytes.csv", ("\n".join([header, 'Ann,ann@example.com,2030-03-16 11:00,UTC,,']) + "\n").encode()
      + b'Bob \xff Ray,bob@example.com,2030-03-16 11:00,UTC,,\n'
      + b'Cy,cy@example.com,2030-03-16 11:00,UTC,,\n')

write("ragged.csv", "\n".join([
    "a,b,c", "1,2,3", "1,2", "1,2,3,4", "x,y,z",
]).encode() + b"\n")

write("unterminated.csv", "\n".join([
    "a,b,c", "1,2,3", '4,"five,6', "7,8,9",
]).encode() + b"\n")

write("blank-lines.csv", "\n".join([
    "", "a,b,c", "", "1,2,3", ",,", "", "   ,x,", "4,5,6", ",,", "",
]).encode())

write("duplicate-header.csv", b"Name,Email,Phone,Email\nA,a@x.com,1,b@x.com\n")
write("trimmed-header.csv", "\ufeff Name , E-mail ,,\nA,a@example.com,,\n".encode())
write("empty.csv", b"")
write("only-blank.csv", b"\r\n,,,\r\n\r\n")
write("header-only.csv", b"a,b,c\r\n")

# XML
write("guests.xml", """<?xml version="1.0" encoding="UTF-8"?>
<guests>
  <guest id="g1" lang="ja">
    <name>  Taro Yamada  </name>
    <email>taro@example.com</email>
    <notes><![CDATA[Likes <b>tea</b> & cake]]></notes>
  </guest>
  <guest id="g2">
    <name>Anne &amp; Bob &lt;Smith&gt; &#233;&#x1F600;</name>
    <email/>
  </guest>
  <guest id="g3" email="attr@example.com"><name>Attr</name></guest>
  <other><name>not a guest</name></other>
  <guest id="g4"/>
</guests>
""".encode())

write("guests-namespaces.xml", """<?xml version="1.0"?>
<export xmlns="urn:example:default" xmlns:g="urn:example:guests">
  <g:guest g:id="n1">
    <g:name>Prefixed</g:name>
    <email>one@example.com</email>
  </g:guest>
  <guest id="n2">
    <name>Default</name>
    <g:email>two@example.com</g:email>
  </guest>
</export>
""".encode())

write("guests-utf16.xml", """<?xml version="1.0" encoding="UTF-16"?>
<guests>
  <guest><name>山田</name></guest>
</guests>
""".encode("utf-16"))

write("malformed.xml", """<?xml version="1.0"?>
<guests>
  <guest><name>One</name></guest>
  <guest><name>Two</name></guest>
  <guest><name>Three</nam></guest>
  <guest><name>Four</name></guest>
</guests>
""".encode())

write("truncated.xml", b"<guests>\n  <guest><name>One</name></guest>\n  <guest><name>Tw")

write("xxe-file.xml", b"""<?xml version="1.0"?>
<!DOCTYPE guests [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<guests>
  <guest><name>&secret;</name></guest>
</guests>
""")

write("xxe-parameter.xml", b"""<?xml version="1.0"?>
<!DOCTYPE guests [
  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">
  %remote;
]>
<guests>
  <guest><name>Safe</name></guest>
</guests>
""")

write("external-dtd.xml", b"""<?xml version="1.0"?>
<!DOCTYPE guests SYSTEM "http://127.0.0.1:9/guests.dtd">
<guests>
  <guest><name>Safe</name></guest>
</guests>
""")

lol = ['<!ENTITY lol "lol">']
for i in range(1, 10):
    prev = "lol" if i == 1 else f"lol{i-1}"
    lol.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
write("billion-laughs.xml", ('<?xml version="1.0"?>\n<!DOCTYPE guests [\n  ' + "\n  ".join(lol)
      + "\n]>\n<guests>\n  <guest><name>&lol9;</name></guest>\n</guests>\n").encode())
