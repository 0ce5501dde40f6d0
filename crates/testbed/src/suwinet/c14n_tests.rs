#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Vectors from the W3C Canonical XML 1.0 (section 3) and Exclusive XML
//! Canonicalization 1.0 (section 2.2) specifications.

use super::*;

fn find<'a>(e: &'a Elem, local: &str) -> &'a Elem {
    e.descendants()
        .into_iter()
        .find(|d| d.local == local)
        .unwrap()
}

#[test]
fn exc_c14n_spec_example_ignores_unused_ancestor_namespaces() {
    // Exclusive XML Canonicalization 1.0, section 2.2: the same subtree in
    // two different contexts canonicalizes to the same octets.
    let a = parse(
        br#"<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org">
   <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
       <n3:stuff xmlns:n3="ftp://example.org"/>
   </n1:elem2>
</n0:local>"#,
    )
    .unwrap();
    let b = parse(
        br#"<n2:pdu xmlns:n1="http://example.com" xmlns:n2="http://foo.example" xml:lang="fr" xml:space="retain">
   <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
       <n3:stuff xmlns:n3="ftp://example.org"/>
   </n1:elem2>
</n2:pdu>"#,
    )
    .unwrap();
    let expected = "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n       <n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff>\n   </n1:elem2>";
    assert_eq!(exc_c14n(find(&a, "elem2"), &[]), expected);
    assert_eq!(exc_c14n(find(&b, "elem2"), &[]), expected);
}

#[test]
fn start_and_end_tags_namespaces_and_attribute_order() {
    // Canonical XML 1.0, example 3.3 (without the DTD), canonicalized exclusively.
    let doc = parse(
        br#"<doc>
   <e1   />
   <e2   ></e2>
   <e3   name = "elem3"   id="elem3"   />
   <e4   name="elem4"   id="elem4"   ></e4>
   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
      xmlns:b="http://www.ietf.org"
      xmlns:a="http://www.w3.org"
      xmlns="http://example.org"/>
   <e6 xmlns="" xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="" xmlns:a="http://www.w3.org">
            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
         </e8>
      </e7>
   </e6>
</doc>"#,
    )
    .unwrap();
    let expected = r#"<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e4 id="elem4" name="elem4"></e4>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6>
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9></e9>
         </e8>
      </e7>
   </e6>
</doc>"#;
    assert_eq!(exc_c14n(&doc, &[]), expected);
}

#[test]
fn character_modifications_and_references() {
    // Canonical XML 1.0, example 3.4 (without the DTD: every attribute is CDATA).
    let doc = parse(
        br#"<doc>
   <text>First line&#x0d;&#10;Second line</text>
   <value>&#x32;</value>
   <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>
   <compute expr='value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"'>valid</compute>
   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>
   <normNames attr='   A   &#x20;&#13;&#xa;&#9;   B   '/>
</doc>"#,
    )
    .unwrap();
    let expected = "<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n   <compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute>\n   <compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute>\n   <norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm>\n   <normNames attr=\"   A    &#xD;&#xA;&#x9;   B   \"></normNames>\n</doc>";
    assert_eq!(exc_c14n(&doc, &[]), expected);
}

#[test]
fn line_endings_and_comments() {
    let doc = parse(b"<a>x\r\ny\rz<!-- weg --><?pi data?></a>").unwrap();
    assert_eq!(exc_c14n(&doc, &[]), "<a>x\ny\nz<?pi data?></a>");
}

#[test]
fn inclusive_prefix_list_renders_listed_prefixes() {
    let doc =
        parse(br#"<r xmlns:x="urn:x" xmlns:y="urn:y"><p:a xmlns:p="urn:p">t</p:a></r>"#).unwrap();
    let a = find(&doc, "a");
    assert_eq!(exc_c14n(a, &[]), r#"<p:a xmlns:p="urn:p">t</p:a>"#);
    assert_eq!(
        exc_c14n(a, &["y".into()]),
        r#"<p:a xmlns:p="urn:p" xmlns:y="urn:y">t</p:a>"#
    );
}

#[test]
fn refuses_doctype_and_unbound_prefixes() {
    assert!(parse(b"<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>").is_err());
    assert!(parse(b"<p:a/>").is_err());
    assert!(parse(b"<a><b></a>").is_err());
}
