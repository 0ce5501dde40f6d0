# Run with python3 (needs lxml and cryptography); only to regenerate the fixture.
# Generates crates/testbed/src/suwinet/testdata/foreign-signed.xml: a request
# signed by another implementation (libxml2's exclusive c14n through lxml,
# Python cryptography), laid out differently from GBI's own output.
import base64, hashlib, datetime
from lxml import etree
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa, padding

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Andere leverancier"),
                  x509.NameAttribute(NameOID.SERIAL_NUMBER, "00000001823288444000")])
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(4242)
        .not_valid_before(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
        .not_valid_after(datetime.datetime(2027, 1, 1, tzinfo=datetime.timezone.utc))
        .sign(key, hashes.SHA256()))
der = cert.public_bytes(serialization.Encoding.DER)
b64 = base64.b64encode(der).decode()
b64 = "\n".join(b64[i:i+64] for i in range(0, len(b64), 64))

WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
doc_text = f'''<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S='http://schemas.xmlsoap.org/soap/envelope/'
    xmlns:a="http://www.w3.org/2005/08/addressing"
    xmlns:o="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
    xmlns:u="{WSU}" xmlns:smls="http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD/v0200">
  <S:Header>
    <o:Security S:mustUnderstand="1">
      <o:BinarySecurityToken u:Id="tok" ValueType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3" EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">
{b64}
      </o:BinarySecurityToken>
      <u:Timestamp u:Id="ts">
        <u:Created>2026-01-15T10:00:00Z</u:Created>
        <u:Expires>2026-01-15T10:05:00Z</u:Expires>
      </u:Timestamp>
      <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
        <SignedInfo>
          <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
          <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
          REFS
        </SignedInfo>
        <SignatureValue/>
        <KeyInfo>
          <o:SecurityTokenReference>
            <o:Reference URI="#tok" ValueType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"/>
          </o:SecurityTokenReference>
        </KeyInfo>
      </Signature>
    </o:Security>
    <a:Action u:Id="act">http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD-v0200/SVBPersoonsInfo</a:Action>
    <a:MessageID u:Id="mid">urn:uuid:6f1c1c9e-3c3e-4b8e-9d7e-2a1f0e5b7c11</a:MessageID>
    <a:To u:Id="to">https://broker.tst.suwi.net/suwibroker/soap/SVBDossierPersoonGSD-v0200?x=1&amp;y=2</a:To>
    <a:From u:Id="from"><a:Address>http://www.w3.org/2005/08/addressing/anonymous?OIN=00000001823288444000</a:Address></a:From>
  </S:Header>
  <S:Body u:Id='body'>
    <smls:SVBPersoonsInfo>
      <Burgerservicenr>999993549</Burgerservicenr>
    </smls:SVBPersoonsInfo>
  </S:Body>
</S:Envelope>'''
ref = '''<Reference URI="#{id}"><Transforms><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>{d}</DigestValue></Reference>'''
ids = ["body", "ts", "act", "mid", "to", "from"]
doc = etree.fromstring(doc_text.replace("REFS", "\n          ".join(ref.format(id=i, d="X") for i in ids)).encode())
ns = {"ds": "http://www.w3.org/2000/09/xmldsig#", "u": WSU}
for i in ids:
    el = doc.xpath(f"//*[@u:Id='{i}']", namespaces=ns)[0]
    c = etree.tostring(el, method="c14n", exclusive=True, with_comments=False)
    dv = doc.xpath(f"//ds:Reference[@URI='#{i}']/ds:DigestValue", namespaces=ns)[0]
    dv.text = base64.b64encode(hashlib.sha256(c).digest()).decode()
si = doc.find(".//ds:SignedInfo", ns)
sig = key.sign(etree.tostring(si, method="c14n", exclusive=True, with_comments=False), padding.PKCS1v15(), hashes.SHA256())
doc.find(".//ds:SignatureValue", ns).text = base64.b64encode(sig).decode()
open(__import__("os").path.join(__import__("os").path.dirname(__file__), "foreign-signed.xml"), "wb").write(
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- Signed by libxml2 exclusive c14n (lxml) + Python cryptography; see wss_tests.rs. -->\n' + etree.tostring(doc))
print("ok")
